"""Per-IP rate limit for posting, kept in the shared cache (Redis in production)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting only the configured number of proxies.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For; anything to the left of those entries was written by the
    client and can be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


def hit(key: str, *, limit: int | None = None, window: int | None = None) -> bool:
    """Count one attempt for ``key``; False once the limit for the window is passed
    (by default the comments' limit; other forms, such as the alerts' sign-up, pass
    their own).

    Fails open: when the cache is down or does not answer (within its socket timeout,
    see settings), the attempt is allowed and a warning logged. The other defences
    (honeypot, signed timestamp, moderation) still hold, so an outage lets through at
    most some extra spam, while failing closed would refuse every citizen.
    """
    cache_key = f"comments:rate:{key}"
    window = window or settings.COMMENTS_RATE_WINDOW
    limit = limit or settings.COMMENTS_RATE_LIMIT
    try:
        cache.add(cache_key, 0, timeout=window)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=window)
            count = 1
    # Cache backends share no exception class (redis.ConnectionError, TimeoutError,
    # OSError, …): anything the cache raises means "no answer" here.
    except Exception as error:
        logger.warning("Rate limit not applied: the cache does not answer (%r)", error)
        return True
    return count <= limit
