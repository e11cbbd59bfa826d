"""Redis stopped, then hung, under the page cache: every public page renders from the
database (a cache fault is a cache miss), never a 500, and reactions still post.

Our own redis-server on a port of ours, reached directly (stopped) or through a TCP
proxy of ours that stops answering (hung); a real HTTP server (live_server) with the
page cache on, as in production.
"""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from django.utils import translation

from denhaag_cms import cache as shared_cache
from denhaag_cms.environment import cache_config
from tests.faults.conftest import HangingProxy, Poster, Tally, public_thread, report, request

READS = 5  # per page, while the cache is down


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.COMMENTS_RATE_LIMIT = 10_000  # count every post, refuse none


@pytest.fixture
def thread(transactional_db):
    return public_thread()


def pages(thread) -> dict[str, str]:
    with translation.override("nl"):
        return {
            "article with an open thread": thread.content_object.get_absolute_url("nl"),
            "newsroom": reverse("press:newsroom"),
            "alerts sign-up": reverse("alerts:sign-up"),
        }


def read_all(base_url: str, urls: dict[str, str], times: int) -> dict[str, list[int]]:
    return {
        name: [request(base_url, url).status for _ in range(times)] for name, url in urls.items()
    }


def post_path(thread) -> str:
    with translation.override("nl"):
        return reverse("comments:post", kwargs={"thread_id": thread.pk})


def fault_test(live_server, thread, fault: str, cache_down, cache_back) -> None:
    urls = pages(thread)
    # Warm: the article and the newsroom come from the cache the second time.
    warm = {name: [request(live_server.url, url) for _ in range(2)] for name, url in urls.items()}
    assert all(a.status == 200 for answers in warm.values() for a in answers)
    assert warm["article with an open thread"][1].headers.get("x-page-cache") == "hit"
    assert warm["newsroom"][1].headers.get("x-page-cache") == "hit"

    poster = Poster(live_server.url, thread.pk, post_path(thread))
    tally = Tally()
    cache_down()
    started = time.monotonic()
    down = read_all(live_server.url, urls, READS)
    for n in range(5):
        poster.post(f"Tijdens de storing {n}", tally)
    article = request(live_server.url, urls["article with an open thread"])
    seconds_down = time.monotonic() - started
    health = request(live_server.url, "/healthz")
    cache_back()
    shared_cache.Faults.until = 0.0  # the pause after a fault is over
    after = read_all(live_server.url, urls, 2)

    statuses = [s for answers in down.values() for s in answers]
    report(
        f"Redis {fault} (page cache on)",
        page_reads=len(statuses),
        answers_500=sum(s >= 500 for s in statuses),
        reads_while_down=down,
        posts=tally.requests,
        acknowledged=len(tally.acknowledged),
        post_answers_500=tally.errors_500,
        seconds_for_reads_and_posts=round(seconds_down, 1),
        healthz_while_down=(health.status, health.text),
        reads_after=after,
    )
    assert statuses == [200] * len(statuses)
    assert article.status == 200 and "Storm op komst" in article.text
    assert 'class="comment-form' in article.text  # the thread is open: a form to post
    assert tally.errors_500 == 0 and tally.other == []
    assert len(tally.acknowledged) == 5
    assert '"cache": "ok"' not in health.text  # /healthz says the cache is not well
    assert all(s == 200 for answers in after.values() for s in answers)


def test_redis_stopped(live_server, settings, redis_server, thread):
    settings.CACHES = {"default": cache_config(redis_server.url)}
    fault_test(live_server, thread, "stopped", redis_server.stop, redis_server.start)


def test_redis_hung(live_server, settings, redis_server, thread):
    proxy = HangingProxy(("127.0.0.1", redis_server.port))
    settings.CACHES = {"default": cache_config(f"redis://127.0.0.1:{proxy.port}/0")}

    def hang() -> None:
        proxy.hung = True

    def answer() -> None:
        proxy.hung = False

    try:
        fault_test(live_server, thread, "hung", hang, answer)
    finally:
        proxy.stop()
