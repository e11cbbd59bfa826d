"""A database or cache that accepts connections and never answers, in front of a real
gunicorn: /healthz answers 503 within 2 seconds saying which part, pages answer 503
(not a 30-second hang, not a 500), and all is well again when the peer answers again.

The hanging peer is a TCP proxy of our own (tests/faults/conftest.py), never the
shared services themselves.
"""

import json
import time

import pytest
from django.db import connection

from tests.faults.conftest import HangingProxy, Poster, Tally, report, request

HEALTHZ_LIMIT = 2.0  # seconds: what a load balancer's check waits


def wait_for_healthy(server, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while True:
        answer = request(server.url, "/healthz")
        if answer.status == 200 or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


@pytest.fixture
def proxies():
    started: list[HangingProxy] = []

    def start(upstream):
        proxy = HangingProxy(upstream)
        started.append(proxy)
        return proxy

    yield start
    for proxy in started:
        proxy.stop()


def test_a_hung_cache(gunicorn, redis_server, proxies, tmp_path):
    proxy = proxies(("127.0.0.1", redis_server.port))
    server = gunicorn(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_URL=f"redis://127.0.0.1:{proxy.port}/0",
    )
    before = wait_for_healthy(server)
    proxy.hung = True
    hung = [request(server.url, "/healthz") for _ in range(3)]
    proxy.hung = False
    after = wait_for_healthy(server)
    report(
        "Cache hung (gunicorn)",
        healthz_before=before.status,
        healthz_while_hung=[(a.status, round(a.seconds, 2), json.loads(a.text)) for a in hung],
        healthz_after=after.status,
    )

    assert before.status == 200
    for answer in hung:
        assert answer.status == 503
        assert answer.seconds < HEALTHZ_LIMIT
        body = json.loads(answer.text)
        assert body["database"] == "ok"
        assert body["cache"] in {"timeout", "unavailable"}
    assert after.status == 200  # no restart


@pytest.mark.django_db
def test_a_hung_database(gunicorn, proxies):
    """On PostgreSQL the proxy forwards to this run's test database until it hangs,
    and again after; elsewhere there is only the hanging peer."""
    db = connection.settings_dict
    on_postgres = connection.vendor == "postgresql"
    proxy = proxies((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)) if on_postgres else None)
    user, name = (db["USER"], db["NAME"]) if on_postgres else ("nobody", "nowhere")
    server = gunicorn(
        DATABASE_URL=f"postgres://{user}@127.0.0.1:{proxy.port}/{name}",
        DJANGO_DB_CONNECT_TIMEOUT="2",
    )
    before = wait_for_healthy(server) if on_postgres else None
    proxy.hung = True
    hung = [request(server.url, "/healthz") for _ in range(3)]
    page = request(server.url, "/nl/")
    tally = Tally()
    Poster(server.url, 1, "/nl/reacties/1/plaatsen/").post("Mijn tekst blijft.", tally)
    proxy.hung = False
    after = wait_for_healthy(server) if on_postgres else None
    page_after = request(server.url, "/nl/") if on_postgres else None
    report(
        "Database hung (gunicorn)",
        healthz_before=before and before.status,
        healthz_while_hung=[(a.status, round(a.seconds, 2), json.loads(a.text)) for a in hung],
        page_while_hung=(page.status, round(page.seconds, 2)),
        reaction_while_hung="503 with the text" if tally.kept else tally.other,
        healthz_after=after and after.status,
        page_after=page_after and page_after.status,
    )

    for answer in hung:
        assert answer.status == 503
        assert answer.seconds < HEALTHZ_LIMIT
        body = json.loads(answer.text)
        # "timeout" while the probe waits; "unavailable" once the connect timeout ended it
        assert body["database"] in {"timeout", "unavailable"}
        assert body["cache"] == "ok"
    assert page.status == 503
    assert page.headers["retry-after"] == "30"
    assert "Tijdelijk niet beschikbaar" in page.text
    assert page.seconds < 2 + 3  # the connect timeout, not gunicorn's 30 s
    assert tally.kept == ["Mijn tekst blijft."]  # a 503 page with the text in its form
    if on_postgres:
        assert before.status == 200
        assert after.status == 200  # no restart
        assert page_after.status == 200
