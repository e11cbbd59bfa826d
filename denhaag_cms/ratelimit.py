"""Rate limits: how often one client, or one key, may do something in a window.

The client is its network, not its address: an IPv4 address, or the /64 of an IPv6
address (one line, one host, one VPS gets a whole /64 and may pick any address in
it, so counting per address counts nothing). Keys are keyed hashes: neither the
cache nor the database holds an address, IP or e-mail.

Counted in the shared cache (Redis in production). When the cache does not answer
(down, or no answer within its socket timeout, see settings; and for the few seconds
after that, denhaag_cms.cache.ask), the count moves to the database:
a fixed-window counter per key (``RateLimitCounter``), its row locked while it is
counted, so the limit holds as configured through a Redis outage instead of failing
open (which let one client mail-bomb an address while Redis was down). The database
is there on every path that is limited (a reaction, a sign-up writes to it anyway),
and the extra write only happens while the cache is down. If the database does not
answer either, its error propagates: the request is refused (the 503 page), never
let through uncounted. The cache's and the database's counts are separate: at the
switch a client may get one fresh window, once.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from denhaag_cms.cache import ask
from denhaag_cms.models import RateLimitCounter

logger = logging.getLogger(__name__)

# An IPv6 client is counted by its /64: the prefix a provider hands one customer.
IPV6_PREFIX = 64


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


def client_network(address: str) -> str:
    """What one client is for a rate limit: an IPv4 address as it is (also when written
    as IPv6, ``::ffff:203.0.113.7``), an IPv6 address's /64. Anything that is no IP
    address (a misconfigured proxy header) counts as itself."""
    try:
        ip = ipaddress.ip_address(address.strip().split("%", 1)[0])
    except ValueError:
        return address.strip()
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
    return str(ip)


def hit_client(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """Count one attempt of the request's client (its network) in ``scope``."""
    return hit(scope, client_network(client_ip(request)), limit=limit, window=window)


def key_for(scope: str, key: str) -> str:
    """The counter's key, in the cache and in the database: keyed by a secret, so
    neither holds a client's address or an e-mail address."""
    digest = salted_hmac("denhaag_cms.ratelimit", f"{scope}\n{key}", algorithm="sha256")
    return f"ratelimit:{digest.hexdigest()[:40]}"


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt for ``key`` in ``scope``; False once more than ``limit``
    attempts came within ``window`` seconds."""
    cache_key = key_for(scope, key)
    count = ask(f"rate limit {scope}", None, _count_in_cache, cache_key, window)
    if count is None:
        count = _count_in_database(cache_key, window)
    return count <= limit


def _count_in_cache(cache_key: str, window: int) -> int:
    cache.add(cache_key, 0, timeout=window)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        return 1


def _count_in_database(cache_key: str, window: int) -> int:
    now = timezone.now()
    expires_at = now + dt.timedelta(seconds=window)
    with transaction.atomic():
        counter, created = RateLimitCounter.objects.select_for_update().get_or_create(
            key=cache_key, defaults={"count": 1, "expires_at": expires_at}
        )
        if not created:
            if counter.expires_at <= now:
                counter.count, counter.expires_at = 1, expires_at
            else:
                counter.count += 1
            counter.save(update_fields=["count", "expires_at"])
        else:
            # Rows of windows that are over: only written while the cache is down, so
            # they are swept then too.
            RateLimitCounter.objects.filter(expires_at__lt=now).delete()
    return counter.count
