"""Subscribers, and sending every due alert in this process (no worker)."""

from __future__ import annotations

import itertools

import pytest
from django.utils import timezone

from alerts import dispatch
from alerts.models import Dispatch, Subscriber
from alerts.tokens import make_token

_counter = itertools.count(1)


def make_subscriber(
    email: str | None = None,
    *,
    themes=(),
    confirmed: bool = True,
    all_releases: bool = False,
    **extra,
) -> Subscriber:
    n = next(_counter)
    subscriber = Subscriber.objects.create(
        email=email or f"burger{n}@example.org",
        all_releases=all_releases,
        confirmed_at=timezone.now() if confirmed else None,
        **extra,
    )
    subscriber.themes.set(themes)
    return subscriber


def token(subscriber: Subscriber) -> str:
    return make_token(subscriber)


def send_all(limit: int = 100) -> list[str]:
    """Run the sender until nothing is due, as the worker would (the throttle's pause
    is skipped: it is tested on its own)."""
    outcomes = []
    for _ in range(limit):
        Dispatch.objects.update(next_batch_at=None)
        outcome = dispatch.send_due()
        outcomes.append(outcome)
        if outcome == dispatch.Outcome.NOTHING_DUE:
            return outcomes
    raise AssertionError(f"still sending after {limit} runs: {outcomes[-5:]}")


@pytest.fixture(autouse=True)
def _alert_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALERTS_BATCH_PAUSE_SECONDS = 0
