"""Django's Redis cache backend, without a new redis.Redis for every call.

Django's RedisCacheClient.get_client() makes a `redis.Redis` object per cache call;
its constructor builds redis-py's table of some 170 response callbacks, which cost
more CPU than the call itself, and a page served from the page cache makes two.
A `redis.Redis` is safe to share between threads (each command takes a connection
from the pool), so one per connection pool is kept.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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
