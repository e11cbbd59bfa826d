"""The token in a subscriber's links (confirm, manage, unsubscribe).

Signed with the project's secret key and never stored: the database holds only the
subscriber's random nonce, so a copy of the database alone cannot unsubscribe anyone
or read their settings. The nonce also keeps a deleted subscriber's old links from
working for a new subscriber who gets the same number (SQLite reuses the highest).
"""

from __future__ import annotations

import hmac

from django.core import signing

from alerts.models import Subscriber

_SALT = "alerts.subscriber"


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SALT)


def make_token(subscriber: Subscriber) -> str:
    """The same for every mail to the subscriber, until their nonce changes."""
    return _signer().sign_object([subscriber.pk, subscriber.nonce])


def is_genuine(token: str) -> bool:
    return _unsign(token) is not None


def subscriber_for(token: str) -> Subscriber | None:
    """The subscriber a genuine token names, or None (unknown, or gone since)."""
    data = _unsign(token)
    if data is None:
        return None
    pk, nonce = data
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or not hmac.compare_digest(subscriber.nonce, nonce):
        return None
    return subscriber


def _unsign(token: str) -> tuple[int, str] | None:
    try:
        pk, nonce = _signer().unsign_object(token)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(pk, int) or not 0 < pk < 2**63 or not isinstance(nonce, str):
        return None
    return pk, nonce
