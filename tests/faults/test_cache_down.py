"""Redis stopped while citizens post: reactions still go through (the rate limit fails
open), /healthz says 503 while it is down and 200 once it is back, without a restart.

Our own redis-server on a port of ours; a real HTTP server (live_server).
"""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from comments.models import Comment
from denhaag_cms import cache as cache_faults
from denhaag_cms import ratelimit
from denhaag_cms.environment import cache_config
from tests.faults.conftest import Poster, Tally, public_thread, report, request

POSTS_UP = 20
POSTS_DOWN = 200
POSTS_AFTER = 20
PAGES = ["/nl/", "/en/", "/nl/netwerken/", "/sitemap.xml", "/nl/rss/", "/admin/login/"]


@pytest.fixture
def thread(db):
    return public_thread()


def post_path(thread) -> str:
    with translation.override("nl"):
        return reverse("comments:post", kwargs={"thread_id": thread.pk})


def healthz(live_server):
    return request(live_server.url, "/healthz")


def healthz_until_200(live_server, timeout: float = 15) -> list:
    """/healthz until it says 200 (a loaded machine may miss the 1.5 s deadline once)."""
    answers = [healthz(live_server)]
    deadline = time.monotonic() + timeout
    while answers[-1].status != 200 and time.monotonic() < deadline:
        time.sleep(0.1)
        answers.append(healthz(live_server))
    return answers


def test_posting_survives_redis_stopping_and_recovers(
    live_server, settings, redis_server, thread, caplog
):
    settings.CACHES = {"default": cache_config(redis_server.url)}
    settings.COMMENTS_RATE_LIMIT = 10_000  # count every post, refuse none
    poster = Poster(live_server.url, thread.pk, post_path(thread))
    tally = Tally()
    health: dict[str, list] = {"up": [], "down": [], "after": []}

    health["up"] = healthz_until_200(live_server)
    for n in range(POSTS_UP):
        poster.post(f"Voor de storing {n}", tally)

    redis_server.stop()
    health["down"].append(healthz(live_server))
    started = time.monotonic()
    for n in range(POSTS_DOWN):
        poster.post(f"Tijdens de storing {n}", tally)
    seconds_down = time.monotonic() - started
    health["down"].append(healthz(live_server))
    # Pages read nothing from the cache that they cannot do without.
    pages_down = {path: request(live_server.url, path).status for path in PAGES}
    acknowledged_while_down = sum(t.startswith("Tijdens") for t in tally.acknowledged)

    redis_server.start()
    health["after"] = healthz_until_200(live_server)  # no restart of the app server
    # The app asks the cache again once the few seconds' pause after its fault are over.
    time.sleep(max(0.0, cache_faults.Faults.until - time.monotonic()))
    for n in range(POSTS_AFTER):
        poster.post(f"Na de storing {n}", tally)

    stored = set(Comment.objects.filter(thread=thread).values_list("body", flat=True))
    lost = [text for text in tally.acknowledged if text not in stored]
    counted_after = cache.get(ratelimit.key_for("comments", ratelimit.client_network("127.0.0.1")))
    report(
        "Redis stopped",
        requests=tally.requests,
        acknowledged=len(tally.acknowledged),
        acknowledged_while_down=acknowledged_while_down,
        answers_500=tally.errors_500,
        other_answers=len(tally.other),
        lost=len(lost),
        seconds_for_200_posts_while_down=round(seconds_down, 1),
        healthz_up=[a.status for a in health["up"]],
        healthz_down=[a.status for a in health["down"]],
        healthz_after=[a.status for a in health["after"]],
        rate_limit_count_after_restart=counted_after,
        pages_while_down=pages_down,
    )

    assert tally.errors_500 == 0
    assert tally.other == []
    assert lost == []
    assert (
        len(tally.acknowledged) == POSTS_UP + POSTS_DOWN + POSTS_AFTER
    )  # none refused (the limit is above the posts)
    assert health["up"][-1].status == 200
    assert all(a.status == 503 for a in health["down"])
    assert health["down"][0].text == (
        '{"status": "error", "database": "ok", "cache": "unavailable"}'
    )
    assert health["after"][-1].status == 200
    assert counted_after == POSTS_AFTER  # the rate limit counts again, in the new Redis
    assert "The cache does not answer (rate limit comments)" in caplog.text
    assert pages_down == dict.fromkeys(PAGES, 200)
