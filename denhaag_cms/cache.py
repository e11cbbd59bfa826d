"""The shared cache (Redis in production): its backend, and what a fault of it means.

A fault is a miss. Every call of ours to the cache goes through `ask()`: a cache
error (Redis stopped, reset, or hanging until its socket timeout) is logged and
answered with the caller's default (render from the database, count in the
database), and for a few seconds this process does not ask the cache again, for
any purpose: a hanging Redis would otherwise cost every call its socket timeout, and
one request (a reaction: its rate limit, then the page cache's generation) several.
The first call that works after a fault runs what was registered with
`after_a_fault()` first (the page cache changes its generation: writes made while the
cache could not be told must not leave older pages in it).

The backend: Django's RedisCacheClient.get_client() makes a `redis.Redis` object per
cache call; its constructor builds redis-py's table of some 170 response callbacks,
which cost more CPU than the call itself, and a page served from the page cache makes
two. A `redis.Redis` is safe to share between threads (each command takes a
connection from the pool), so one per connection pool is kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

# Seconds this process leaves the cache alone after a fault.
FAULT_PAUSE = 5.0


class Faults:
    """How this process last found the cache: `until`, the moment (monotonic clock) to
    ask it again; `missed`, whether a call failed or was skipped since it last worked."""

    until = 0.0
    missed = False

    @classmethod
    def forget(cls) -> None:
        """As if the cache had never failed (tests, after they mend it)."""
        cls.until, cls.missed = 0.0, False


_after_fault: list[Callable[[], object]] = []


def after_a_fault(function: Callable[[], object]) -> Callable[[], object]:
    """Register `function` to run on the first call that reaches the cache after a
    fault, before that call."""
    _after_fault.append(function)
    return function


def answering() -> bool:
    """Whether this process asks the cache now (False during the pause after a fault)."""
    return time.monotonic() >= Faults.until


def ask(what: str, default, function: Callable, *args, **kwargs):
    """`function(*args, **kwargs)`, a call to the cache; `default` if the cache fails
    (any error of its client: the backends share no exception class) or failed
    moments ago. `what` says what for, in the log."""
    if not answering():
        Faults.missed = True
        return default
    try:
        if Faults.missed:
            for mend in _after_fault:
                mend()
            Faults.missed = False
        return function(*args, **kwargs)
    except Exception as error:
        Faults.until = time.monotonic() + FAULT_PAUSE
        Faults.missed = True
        logger.warning(
            "The cache does not answer (%s): %r. The database answers instead; the cache "
            "is asked again in %s s.",
            what,
            error,
            FAULT_PAUSE,
        )
        return default


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
