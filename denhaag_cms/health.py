"""Is this app server able to serve? The database and the cache, each asked with a deadline.

Each probe runs in a small background thread, so that a database or cache that
accepts a connection and never answers cannot hold /healthz: the answer comes after
at most ``HEALTH_CHECK_TIMEOUT`` seconds, whatever the peers do. A probe that is
still waiting is shared by the checks that come in meanwhile (one thread per probe
at most, never a pile of them), and it ends by itself at the database's connect
timeout or the cache's socket timeout (see settings).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
UNAVAILABLE = "unavailable"  # answered with an error (refused, reset, …)
TIMEOUT = "timeout"  # no answer within HEALTH_CHECK_TIMEOUT


def _database() -> None:
    """A fresh connection and ``SELECT 1``; the connection is closed again, so that
    the next check connects anew (with the connect timeout) rather than waiting on
    a connection whose peer went silent."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def _cache() -> None:
    cache.set("healthz", OK, timeout=30)
    if cache.get("healthz") != OK:
        raise RuntimeError("the cache did not give back what was just stored")


PROBES: dict[str, Callable[[], None]] = {"database": _database, "cache": _cache}

_executor = ThreadPoolExecutor(max_workers=len(PROBES), thread_name_prefix="healthz")
_lock = threading.Lock()
_running: dict[str, Future] = {}


def _start(name: str) -> Future:
    with _lock:
        future = _running.get(name)
        if future is None or future.done():
            future = _executor.submit(PROBES[name])
            _running[name] = future
        return future


def check() -> dict[str, str]:
    """The state of each part: ``ok``, ``unavailable`` or ``timeout``."""
    futures = {name: _start(name) for name in PROBES}
    wait(futures.values(), timeout=settings.HEALTH_CHECK_TIMEOUT)
    states = {}
    for name, future in futures.items():
        if not future.done():
            logger.warning("Health check: the %s does not answer", name)
            states[name] = TIMEOUT
        elif (error := future.exception()) is not None:
            logger.warning("Health check: the %s answers with an error: %r", name, error)
            states[name] = UNAVAILABLE
        else:
            states[name] = OK
    return states


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database and the cache answer; 503 within HEALTH_CHECK_TIMEOUT
    seconds when either does not, saying which (for the load balancer)."""
    states = check()
    healthy = all(state == OK for state in states.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **states}, status=200 if healthy else 503
    )
