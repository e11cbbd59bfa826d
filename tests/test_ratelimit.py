"""The rate limiter (denhaag_cms/ratelimit.py): one client is one network, and a cache
that does not answer moves the count to the database instead of letting all through."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache.backends.base import BaseCache
from django.test import RequestFactory, override_settings
from django.utils import timezone

from denhaag_cms import ratelimit
from denhaag_cms.models import RateLimitCounter

pytestmark = pytest.mark.django_db


class DownCache(BaseCache):
    """A cache whose server is down: every call raises, as redis-py's do."""

    def __init__(self, location, params) -> None:
        super().__init__(params)

    def _down(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    add = get = set = touch = delete = incr = get_many = set_many = delete_many = _down
    has_key = clear = _down


DOWN = {"default": {"BACKEND": "tests.test_ratelimit.DownCache"}}


@pytest.mark.parametrize(
    "address, network",
    [
        ("203.0.113.7", "203.0.113.7"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("not an address", "not an address"),
    ],
)
def test_a_client_is_its_ipv4_address_or_its_ipv6_64(address, network):
    assert ratelimit.client_network(address) == network


def test_every_address_of_one_ipv6_64_shares_one_limit():
    factory = RequestFactory()

    def attempt(address: str) -> bool:
        request = factory.post("/", REMOTE_ADDR=address)
        return ratelimit.hit_client(request, "test", limit=3, window=60)

    answers = [attempt(f"2001:db8:1:2::{n:x}") for n in range(1, 13)]
    assert answers == [True] * 3 + [False] * 9
    assert attempt("2001:db8:1:3::1")  # the next /64 is another client
    assert attempt("203.0.113.7") and attempt("203.0.113.8")


def test_with_the_cache_down_the_limit_holds_in_the_database(caplog):
    with override_settings(CACHES=DOWN):
        answers = [ratelimit.hit("test", "one key", limit=3, window=60) for _ in range(10)]
        other = ratelimit.hit("test", "another key", limit=3, window=60)
    assert answers == [True] * 3 + [False] * 7
    assert other
    assert RateLimitCounter.objects.count() == 2
    assert "The cache does not answer (rate limit test)" in caplog.text
    # The table holds keyed hashes, never the key itself.
    assert not RateLimitCounter.objects.filter(key__contains="key").exists()


def test_the_database_count_starts_again_when_its_window_is_over(monkeypatch):
    start = timezone.now()
    with override_settings(CACHES=DOWN):
        assert [ratelimit.hit("test", "k", limit=1, window=60) for _ in range(2)] == [True, False]
        monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(seconds=61))
        assert ratelimit.hit("test", "k", limit=1, window=60)
        assert not ratelimit.hit("test", "k", limit=1, window=60)
        # A row of a window that is over is swept when another key is first counted.
        monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(seconds=200))
        ratelimit.hit("test", "other", limit=1, window=60)
    assert RateLimitCounter.objects.count() == 1


def test_with_the_cache_up_nothing_is_written_to_the_database():
    assert [ratelimit.hit("test", "k", limit=2, window=60) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert not RateLimitCounter.objects.exists()
