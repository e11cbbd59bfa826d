"""The front cache of the production layout (nginx's proxy_cache, deploy/nginx/):
public pages from the cache, staff never, changes and withdrawals through it within
seconds, stale copies while the app server is down.

Marked `deploy` like tests/deploy/test_layout.py; the layout is started by
tests/deploy/conftest.py (running_layout), from the same environment
(DEPLOY_DATABASE_URL, DEPLOY_CACHE_URL, DEPLOY_HTTPS_PORT, DEPLOY_HTTP_PORT).
Waits are bounded polls on loopback, never a measurement of speed.
"""

from __future__ import annotations

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.deploy.conftest import Layout, get, run_local, running_layout

pytestmark = pytest.mark.deploy

# The promise: a change is seen by anonymous readers within 5 s on every
# layer. The app tells nginx 3 s (DJANGO_FRONT_CACHE_SECONDS); the rest is slack for
# the refresh itself on a busy machine.
VISIBLE_WITHIN = 5.0

# A published release of its own, without a comment thread (so no form, no CSRF
# cookie: a page nginx may keep), and a staff member's session for the same site.
SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from press.models import PressRelease

PressRelease.objects.filter(slug_nl__startswith="frontcache-").delete()
release = PressRelease.objects.create(
    title_nl="Voorpagina uit de cache",
    slug_nl="frontcache-{tag}",
    lead_nl="Een persbericht voor de front cache.",
    body_nl="<p>Tekst.</p>",
    status=PressRelease.Status.PUBLISHED,
    publish_at=timezone.now(),
    comments_enabled=False,
)
User = get_user_model()
user, _ = User.objects.get_or_create(username="frontcache-editor", defaults={{"is_staff": True}})
user.is_staff = True
user.set_password("not-used-here-{tag}")
user.save()
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({{"pk": release.pk, "page": release.get_absolute_url("nl"),
                  "session": session.session_key}}))
"""

# An editor's change through the ORM with the layout's environment (the page cache
# hears it by itself, as from any writer); prints the moment it was committed.
CHANGE = """
import json, time
from django.contrib.auth import get_user_model
from press.models import PressRelease
from press import workflow
# Status changes go through the workflow, which asks who makes them: a chief editor.
chief, _ = get_user_model().objects.get_or_create(
    username="e2e-chief", defaults={{"is_staff": True, "is_superuser": True}}
)
release = PressRelease.objects.get(pk={pk})
{action}
print(json.dumps({{"at": time.time()}}))
"""


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    with running_layout(
        tmp_path_factory.mktemp("prod-frontcache"), "filesystem", SETUP.format(tag="a")
    ) as layout:
        yield layout


def change(layout: Layout, action: str) -> float:
    script = CHANGE.format(pk=layout.release["pk"], action=action)
    output = run_local(layout.env, "manage", "shell", "--no-imports", "-c", script)
    return json.loads(output.strip().splitlines()[-1])["at"]


def app_requests(layout: Layout, uri: str) -> int:
    """How many requests for this exact URI reached gunicorn."""
    log = (layout.run_dir / "log" / "gunicorn-access.log").read_text()
    return sum(f'"GET {uri} HTTP/1.1"' in line for line in log.splitlines())


def fresh_uri(layout: Layout) -> str:
    """The article under an address no test asked for yet (a query it ignores)."""
    return f"{layout.release['page']}?probe={uuid.uuid4().hex}"


def until(deadline: float, fetch):
    """Call fetch() every 0.2 s until it returns something true or the deadline passes."""
    while True:
        result = fetch()
        if result or time.time() > deadline:
            return result
        time.sleep(0.2)


def test_second_request_is_served_from_the_front_cache(layout):
    uri = fresh_uri(layout)
    status, headers, body = get(layout, uri)
    assert status == 200
    assert headers["X-Cache-Status"] == "MISS"
    assert "Voorpagina uit de cache</h1>" in body.decode()
    # The app allowed shared caches a few seconds, browsers none.
    assert "public" in headers["Cache-Control"]
    assert "s-maxage=3" in headers["Cache-Control"]
    assert "max-age=0" in headers["Cache-Control"]

    status, headers, cached = get(layout, uri)
    assert status == 200
    assert headers["X-Cache-Status"] == "HIT"
    assert cached == body
    assert app_requests(layout, uri) == 1  # the second never reached gunicorn


def test_staff_are_never_served_from_nor_stored_in_the_front_cache(layout):
    staff = {"Cookie": f"sessionid={layout.release['session']}"}
    # Stored: no. A staff member's request for a page nobody asked for yet...
    uri = fresh_uri(layout)
    status, headers, _body = get(layout, uri, **staff)
    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"
    assert "s-maxage" not in headers.get("Cache-Control", "")
    # ...leaves nothing behind for the next reader.
    status, headers, _body = get(layout, uri)
    assert headers["X-Cache-Status"] == "MISS"
    # Served from it: no. The page is cached for readers now; staff still reach the app.
    assert get(layout, uri)[1]["X-Cache-Status"] == "HIT"
    status, headers, _body = get(layout, uri, **staff)
    assert status == 200
    assert headers["X-Cache-Status"] == "BYPASS"
    # The staff member's two and one reader's (gunicorn may write its log line a moment
    # after the answer).
    assert until(time.time() + 5, lambda: app_requests(layout, uri) == 3), app_requests(
        layout, uri
    )

    # The admin never goes through the cache at all.
    for _ in range(2):
        status, headers, body = get(layout, "/admin/login/")
        assert status == 200
        assert "X-Cache-Status" not in headers
        assert 'name="password"' in body.decode()


def test_an_editors_change_is_visible_through_nginx_within_five_seconds(layout):
    page = layout.release["page"]
    get(layout, page)
    status, headers, body = get(layout, page)
    assert headers["X-Cache-Status"] == "HIT"
    assert "Voorpagina uit de cache</h1>" in body.decode()

    changed_at = change(layout, 'release.title_nl = "Gewijzigde kop"\nrelease.save()')

    def new_title():
        status, _headers, body = get(layout, page)
        return status == 200 and "Gewijzigde kop</h1>" in body.decode()

    assert until(changed_at + VISIBLE_WITHIN, new_title), "the change stayed invisible for 5 s"
    # And it stays: the cache now holds the new page.
    status, _headers, body = get(layout, page)
    assert "Gewijzigde kop</h1>" in body.decode()
    assert "Voorpagina uit de cache</h1>" not in body.decode()
    change(layout, 'release.title_nl = "Voorpagina uit de cache"\nrelease.save()')


def test_a_withdrawal_answers_410_through_nginx_within_five_seconds(layout):
    uri = fresh_uri(layout)
    get(layout, uri)
    assert get(layout, uri)[1]["X-Cache-Status"] == "HIT"

    withdrawn_at = change(
        layout,
        "workflow.change_status(release, PressRelease.Status.WITHDRAWN, user=chief, "
        'explanation={"nl": "Onjuiste cijfers."})',
    )
    try:

        def gone():
            status, headers, body = get(layout, uri)
            return (status, headers, body) if status == 410 else None

        answer = until(withdrawn_at + VISIBLE_WITHIN, gone)
        assert answer, "the withdrawn release was still served after 5 s"
        _status, headers, body = answer
        assert "Voorpagina uit de cache" in body.decode()  # the withdrawal notice names it
        assert "Cache-Control" in headers
    finally:
        change(
            layout, "workflow.change_status(release, PressRelease.Status.PUBLISHED, user=chief)"
        )


def test_nginx_serves_the_stale_page_while_the_app_server_is_down(layout):
    uri = fresh_uri(layout)
    _status, _headers, body = get(layout, uri)
    assert get(layout, uri)[1]["X-Cache-Status"] == "HIT"
    run_local(layout.env, "app-stop", timeout=60)
    try:
        assert not (layout.run_dir / "gunicorn.pid").exists()
        time.sleep(3.5)  # past the page's s-maxage: nginx would ask the app now
        status, headers, stale = get(layout, uri)
        assert status == 200
        assert headers["X-Cache-Status"] == "STALE"
        assert stale == body
        # A page it never had: an error from nginx at once (bounded), not a hang.
        started = time.monotonic()
        status, _headers, _body = get(layout, fresh_uri(layout))
        assert status == 502
        assert time.monotonic() - started < 10
    finally:
        run_local(layout.env, "app-start", timeout=120)
    status, headers, _body = get(layout, fresh_uri(layout))
    assert status == 200 and headers["X-Cache-Status"] == "MISS"


# -- the promise in every case: whatever a reader was served before ------------------

# A release of its own with an open comment thread (its page has the form, so the app
# never lets nginx share it), public `delay` seconds from now; prints its address and
# its moment.
RELEASE_WITH_THREAD = """
import datetime as dt, json
from django.utils import timezone
from press import services
from press.models import PressRelease
release = PressRelease.objects.create(
    title_nl="Met reacties {slug}",
    slug_nl="{slug}",
    lead_nl="Een persbericht met een open draad.",
    body_nl="<p>Tekst.</p>",
    status=PressRelease.Status.PUBLISHED,
    publish_at=timezone.now() + dt.timedelta(seconds={delay}),
    comments_enabled=True,
)
services.sync_comment_thread(release)
print(json.dumps({{"pk": release.pk, "page": release.get_absolute_url("nl"),
                  "at": release.publish_at.timestamp()}}))
"""

FORM = 'class="comment-form"'
CLOSED = "Je kunt niet meer reageren."


def shell(layout: Layout, script: str) -> dict:
    output = run_local(layout.env, "manage", "shell", "--no-imports", "-c", script)
    return json.loads(output.strip().splitlines()[-1])


def release_with_thread(layout: Layout, delay: int = 0) -> dict:
    slug = f"frontcache-{uuid.uuid4().hex[:12]}"
    return shell(layout, RELEASE_WITH_THREAD.format(slug=slug, delay=delay)) | {"slug": slug}


def change_release(layout: Layout, pk: int, action: str) -> float:
    return shell(layout, CHANGE.format(pk=pk, action=action))["at"]


def stays(layout: Layout, uri: str, check, seconds: float = 2 * VISIBLE_WITHIN) -> None:
    """Every answer for `seconds` passes `check(status, headers, body)`: what a reader
    gets once the change is visible is not an old copy coming back."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        status, headers, body = get(layout, uri)
        assert check(status, headers, body.decode()), (status, headers.get("X-Cache-Status"))
        time.sleep(0.5)


def test_a_release_reaching_its_moment_after_its_address_answered_404(layout):
    release = release_with_thread(layout, delay=15)
    page = release["page"]
    # Before the moment: a 404, which nginx may keep for a few seconds.
    assert get(layout, page)[0] == 404
    status, headers, _body = get(layout, page)
    assert (status, headers["X-Cache-Status"]) == (404, "HIT")
    assert time.time() < release["at"], "too slow: the moment passed before the first reads"
    time.sleep(max(0.0, release["at"] - time.time()))

    def public():
        status, _headers, body = get(layout, page)
        return status == 200 and FORM in body.decode()

    assert until(release["at"] + VISIBLE_WITHIN, public), "still not public through nginx"
    stays(layout, page, lambda status, _headers, body: status == 200 and FORM in body)


def test_a_slug_renamed_and_renamed_back_never_loops(layout):
    release = release_with_thread(layout)
    a, slug = release["page"], release["slug"]
    b = a.replace(slug, f"{slug}-b")
    status, _headers, body = get(layout, a)
    assert status == 200 and FORM in body.decode()

    rename = f'release.slug_nl = "{slug}-b"\nrelease.save()'
    renamed = change_release(layout, release["pk"], rename)

    def redirects(uri, target):
        status, headers, _body = get(layout, uri)
        return status == 301 and headers["Location"] == target

    assert until(renamed + VISIBLE_WITHIN, lambda: redirects(a, b))
    assert get(layout, a)[1]["X-Cache-Status"] == "HIT"  # nginx keeps the redirect
    assert get(layout, b)[0] == 200

    back = change_release(layout, release["pk"], f'release.slug_nl = "{slug}"\nrelease.save()')

    def settled():
        status, _headers, body = get(layout, a)
        return status == 200 and FORM in body.decode() and redirects(b, a)

    assert until(back + VISIBLE_WITHIN, settled), "the old address still redirects away"
    # A reader following the old link from B lands on A's page, every time.
    stays(layout, a, lambda status, _headers, body: status == 200 and FORM in body)
    stays(layout, b, lambda status, headers, _body: (status, headers["Location"]) == (301, a), 2)


def test_a_thread_closed_then_reopened_gets_its_form_back(layout):
    release = release_with_thread(layout)
    page = release["page"]
    assert FORM in get(layout, page)[2].decode()

    closed = change_release(
        layout,
        release["pk"],
        "from comments.services import close_thread_of\nclose_thread_of(release, user=chief)",
    )

    def shows_closed():
        status, _headers, body = get(layout, page)
        return status == 200 and CLOSED in body.decode() and FORM not in body.decode()

    assert until(closed + VISIBLE_WITHIN, shows_closed)
    assert get(layout, page)[1]["X-Cache-Status"] == "HIT"  # no form: nginx keeps it

    reopened = change_release(
        layout,
        release["pk"],
        "from comments.models import Thread\n"
        "from comments.services import reopen_thread\n"
        "reopen_thread(Thread.objects.for_object(release).get(), user=chief)",
    )

    def shows_form():
        status, _headers, body = get(layout, page)
        return status == 200 and FORM in body.decode()

    assert until(reopened + VISIBLE_WITHIN, shows_form), "the closed page stayed"
    stays(layout, page, lambda status, _headers, body: status == 200 and FORM in body)


def test_a_withdrawn_release_published_again_is_back_with_its_form(layout):
    release = release_with_thread(layout)
    page = release["page"]
    assert get(layout, page)[0] == 200

    withdrawn = change_release(
        layout,
        release["pk"],
        "workflow.change_status(release, PressRelease.Status.WITHDRAWN, user=chief, "
        'explanation={"nl": "Onjuiste cijfers."})',
    )
    assert until(withdrawn + VISIBLE_WITHIN, lambda: get(layout, page)[0] == 410)
    assert get(layout, page)[1]["X-Cache-Status"] == "HIT"  # nginx keeps the 410

    again = change_release(
        layout,
        release["pk"],
        "workflow.change_status(release, PressRelease.Status.PUBLISHED, user=chief)\n"
        "from comments.models import Thread\n"
        "from comments.services import reopen_thread\n"
        "reopen_thread(Thread.objects.for_object(release).get(), user=chief)",
    )

    def public():
        status, _headers, body = get(layout, page)
        return status == 200 and FORM in body.decode()

    assert until(again + VISIBLE_WITHIN, public), "the 410 stayed"
    stays(layout, page, lambda status, _headers, body: status == 200 and FORM in body)


def test_readers_of_a_page_nginx_may_not_store_do_not_wait_for_each_other(layout):
    """The article with an open thread is answered by the app every time: nginx must not
    make the readers of it queue behind one another (a cache lock), each waiting for
    the one before it up to the lock's timeout (5 s)."""
    page = release_with_thread(layout)["page"]

    def read(_):
        started = time.monotonic()
        status, headers, body = get(layout, page)
        assert status == 200 and FORM in body.decode(), headers.get("X-Cache-Status")
        return time.monotonic() - started

    with ThreadPoolExecutor(20) as pool:
        waits = list(pool.map(read, range(60)))
    # Two gunicorn workers answer 60 pages in well under a second each on loopback;
    # behind a lock the last readers waited for its timeout.
    assert max(waits) < 4, sorted(waits)


# -- share links and long addresses ---------------------------------------------------

SHARE_LINK = """
import datetime as dt, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from press import sharelinks
from press.models import PressRelease, ShareLink
chief, _ = get_user_model().objects.get_or_create(
    username="e2e-chief", defaults={"is_staff": True, "is_superuser": True}
)
release = PressRelease.objects.create(
    title_nl="Onder embargo",
    slug_nl="frontcache-embargo-" + timezone.now().strftime("%H%M%S%f"),
    lead_nl="Nog niet openbaar.",
    body_nl="<p>Tekst.</p>",
    status=PressRelease.Status.PUBLISHED,
    publish_at=timezone.now() + dt.timedelta(days=1),
)
link, token = sharelinks.create_share_link(
    release, label="NOS", language="both", expires_at=release.publish_at, user=chief
)
print(json.dumps({"pk": link.pk, "url": sharelinks.share_urls(link, token)[0][1]}))
"""

OPENINGS = """
import json
from press.models import ShareLink
print(json.dumps({{"count": ShareLink.objects.get(pk={pk}).open_count}}))
"""


def test_a_head_request_to_a_share_link_is_not_an_opening(layout):
    link = shell(layout, SHARE_LINK)
    for _ in range(3):
        status, headers, body = get(layout, link["url"], method="HEAD")
        assert status == 200 and body == b""
        assert "no-store" in headers["Cache-Control"]
    assert shell(layout, OPENINGS.format(pk=link["pk"]))["count"] == 0
    # A reader's GET is counted (so the count above could have been wrong).
    status, _headers, body = get(layout, link["url"])
    assert status == 200 and "Onder embargo" in body.decode()
    assert shell(layout, OPENINGS.format(pk=link["pk"]))["count"] == 1
    # nginx's access log has the requests, not the token.
    token = link["url"].rstrip("/").rsplit("/", 1)[1]
    log = (layout.run_dir / "log" / "nginx-access.log").read_text()
    assert token not in log
    assert log.count("/embargo/[token]/") >= 4


def test_long_addresses_get_the_apps_answer_or_nginxs_414(layout):
    """Up to the longest request line nginx accepts (large_client_header_buffers) the
    app answers: a 404, or its 301 that adds the slash (the address in its Location
    and in nginx's cache key); beyond it, nginx's 414. Never a 502."""
    answers = {}
    for length in (3000, 4000, 6000, 8100, 8150, 8170, 8177, 8178, 8200, 9000):
        uri = "/nl/persberichten/" + "a" * (length - len("/nl/persberichten/") - 1) + "/"
        status, headers, _body = get(layout, uri)
        answers[length] = status
        if status == 404:
            assert "nosniff" in headers["X-Content-Type-Options"]  # the app's 404
        status, headers, _body = get(layout, uri[:-1])  # without its slash
        answers[f"{length}, no slash"] = status
        if status == 301:
            assert headers["Location"] == uri
        status, _headers, _body = get(layout, f"/nl/rss/?{uri}")
        answers[f"{length}, feed"] = status
    assert set(answers.values()) <= {200, 301, 404, 414}, answers
    assert (answers[3000], answers["3000, no slash"], answers["3000, feed"]) == (404, 301, 200)
    assert answers[6000] == 404 and answers[9000] == 414, answers


def test_the_apis_languages_are_kept_apart_by_the_front_cache(layout):
    """The API's language comes from Accept-Language, which its answers name in Vary:
    nginx keeps a variant per language under the one address, each answered from the
    cache in its own language (Content-Language)."""
    uri = f"/api/v1/releases/{layout.release['pk']}"
    answers = {}
    for language in ("nl", "en", "nl", "en"):
        status, headers, body = get(layout, uri, **{"Accept-Language": language})
        assert status == 200, body
        assert headers["Content-Language"] == language
        assert "Accept-Language" in ", ".join(headers.get_all("Vary"))
        answers.setdefault(language, []).append((headers["X-Cache-Status"], body))
    for (first, body), (second, again) in answers.values():
        assert (first, second) == ("MISS", "HIT") and again == body
