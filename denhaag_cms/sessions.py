"""Database sessions that ignore a session cookie no session of ours could have."""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

_VALID = frozenset(VALID_KEY_CHARS)


class SessionStore(DatabaseSessionStore):
    """Django's database sessions, with keys limited to the characters Django makes.

    Django looks up any cookie value of eight characters or more; one with a NUL
    byte (`sessionid="\\000…"` in a quoted cookie) made PostgreSQL refuse the query and
    every page that reads the session (the whole admin) answer 500. Such a cookie is
    now treated as no session at all: the visitor is simply not logged in.
    """

    def _validate_session_key(self, key: str | None) -> bool:
        return bool(super()._validate_session_key(key)) and _VALID.issuperset(key)
