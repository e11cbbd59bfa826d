"""Per-IP rate limit for posting, kept in the shared cache (Redis in production)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


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


def hit(key: str) -> bool:
    """Count one attempt for ``key``; False once the limit for the window is passed."""
    cache_key = f"comments:rate:{key}"
    window = settings.COMMENTS_RATE_WINDOW
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= settings.COMMENTS_RATE_LIMIT
