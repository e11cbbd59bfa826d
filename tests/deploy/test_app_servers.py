"""Several app servers behind nginx (deploy/run-local with APP_SERVERS=2, WORKERS=2):
under a steady load of readers and commenters, one app server killed and then a
rolling restart of all of them (a deploy) cost no request and no reaction.

Marked `deploy`; the layout is started by tests/deploy/conftest.py (running_layout).
The load is a few threads on loopback, each one request at a time, for a bounded
number of seconds; the figures are printed (run with -s, or see the captured output).
"""

from __future__ import annotations

import html
import json
import os
import re
import signal
import ssl
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPSHandler, Request, build_opener

import pytest

from tests.deploy.conftest import BASE, Layout, NoRedirect, run_local, running_layout

pytestmark = pytest.mark.deploy

APP_SERVERS = 2
APP_PORT = int(os.environ.get("DEPLOY_APP_PORT", "18400"))
READERS = 3
COMMENTERS = 2
# A form is sent back no sooner than the app accepts (COMMENTS_MIN_SECONDS, 3 s).
FORM_AGE = 3.2

RELEASE_WITH_THREAD = """
import json
from django.utils import timezone
from press import services
from press.models import PressRelease
release = PressRelease.objects.create(
    title_nl="Onder belasting {slug}",
    slug_nl="{slug}",
    lead_nl="Een persbericht met een open draad, onder belasting.",
    body_nl="<p>Tekst.</p>",
    status=PressRelease.Status.PUBLISHED,
    publish_at=timezone.now(),
    comments_enabled=True,
)
services.sync_comment_thread(release)
print(json.dumps({{"pk": release.pk, "page": release.get_absolute_url("nl")}}))
"""

# Every reaction's text in the thread, as often as it is stored.
STORED = """
import json
from comments.models import Thread
from press.models import PressRelease
thread = Thread.objects.for_object(PressRelease.objects.get(pk={pk})).get()
print(json.dumps(list(thread.comments.values_list("body", flat=True))))
"""


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    slug = f"servers-{uuid.uuid4().hex[:12]}"
    extra = {
        "APP_SERVERS": str(APP_SERVERS),
        "WORKERS": "2",
        "DEPLOY_APP_PORT": str(APP_PORT),
        # Every commenter comes from 127.0.0.1: the per-client limit would stop them.
        "COMMENTS_RATE_LIMIT": "100000",
    }
    with running_layout(
        tmp_path_factory.mktemp("prod-servers"),
        "filesystem",
        RELEASE_WITH_THREAD.format(slug=slug),
        extra,
    ) as layout:
        yield layout


def opener(layout: Layout):
    context = ssl.create_default_context(cafile=str(layout.run_dir / "tls.crt"))
    return build_opener(HTTPSHandler(context=context), NoRedirect)


def send(layout: Layout, path: str, data: dict | None = None, cookie: str = "") -> tuple:
    """One request on a connection of its own: (status, body); status 0 if the
    connection failed."""
    headers = {"Accept-Encoding": "identity"}
    if cookie:
        headers["Cookie"] = cookie
    body = None
    if data is not None:
        body = urlencode(data).encode()
        headers |= {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": BASE,
            "Referer": BASE + path,
        }
    request = Request(BASE + path, data=body, headers=headers)
    try:
        with opener(layout).open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except (URLError, OSError) as error:
        return 0, str(error)


@dataclass
class Load:
    """Readers read the article (answered by the app every time: it has the comment
    form) and the newsroom; commenters read the article, keep its form and send it
    back once it is old enough, each with a text of its own."""

    layout: Layout
    page: str
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter = field(default_factory=Counter)
    failures: list = field(default_factory=list)
    acknowledged: list = field(default_factory=list)

    def note(self, kind: str, ok: bool, what: str) -> None:
        with self.lock:
            self.counts[kind] += 1
            if not ok:
                self.failures.append((kind, what[:200]))

    def reader(self) -> None:
        while not self.stop.is_set():
            for path in (self.page, "/nl/"):
                status, _body = send(self.layout, path)
                self.note("reads", status == 200, f"{path}: {status}")
            time.sleep(0.05)

    def commenter(self, number: int) -> None:
        csrf = uuid.uuid4().hex  # 32 characters: Django takes it as the cookie's secret
        cookie = f"csrftoken={csrf}"
        forms: list[tuple[float, str, str]] = []
        sent = 0
        while not self.stop.is_set():
            status, body = send(self.layout, self.page, cookie=cookie)
            self.note("reads", status == 200, f"{self.page} (commenter): {status}")
            form = re.search(r'<form class="comment-form"[^>]*action="([^"]+)"', body)
            stamp = re.search(r'name="timestamp" value="([^"]+)"', body)
            if status == 200 and form and stamp:
                forms.append((time.monotonic(), html.unescape(form[1]), stamp[1]))
            if forms and time.monotonic() - forms[0][0] >= FORM_AGE:
                _at, action, timestamp = forms.pop(0)
                sent += 1
                text = f"Reactie {number}-{sent} {uuid.uuid4().hex[:8]}"
                data = {
                    "csrfmiddlewaretoken": csrf,
                    "name": f"Lezer {number}",
                    "email": "",
                    "body": text,
                    "website": "",
                    "timestamp": timestamp,
                }
                status, _body = send(self.layout, action, data, cookie=cookie)
                self.note("posts", status == 303, f"POST {action}: {status}")
                if status == 303:
                    with self.lock:
                        self.acknowledged.append(text)
            time.sleep(0.1)

    def __enter__(self) -> Load:
        self.threads = [threading.Thread(target=self.reader) for _ in range(READERS)] + [
            threading.Thread(target=self.commenter, args=(n,)) for n in range(COMMENTERS)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in self.threads)


def stored(layout: Layout) -> Counter:
    output = run_local(
        layout.env, "manage", "shell", "--no-imports", "-c", STORED.format(pk=layout.release["pk"])
    )
    return Counter(json.loads(output.strip().splitlines()[-1]))


def served_by_each(layout: Layout) -> list[int]:
    """Requests in each app server's access log."""
    return [
        len((layout.run_dir / "log" / f"gunicorn-{i}-access.log").read_text().splitlines())
        for i in range(1, APP_SERVERS + 1)
    ]


def passed_on(layout: Layout) -> int:
    """Requests nginx passed on to the next app server after one failed (its error log)."""
    log = (layout.run_dir / "log" / "nginx-error.log").read_text()
    return len(re.findall(r"while (connecting to|reading response header from) upstream", log))


def marks(layout: Layout) -> tuple[Counter, list[int], int]:
    """Where the logs and the thread stand before a scenario."""
    return stored(layout), served_by_each(layout), passed_on(layout)


def report(title: str, load: Load, layout: Layout, marks_before: tuple) -> dict:
    before, served_before, passed_before = marks_before
    now = stored(layout)
    new = now - before
    lost = [text for text in load.acknowledged if not new[text]]
    doubled = {text: n for text, n in new.items() if n > 1}
    figures = {
        "reads": load.counts["reads"],
        "posts": load.counts["posts"],
        "failed requests": len(load.failures),
        "reactions acknowledged": len(load.acknowledged),
        "reactions stored": sum(new.values()),
        "lost": len(lost),
        "doubled": len(doubled),
        "requests per app server": [
            after - earlier
            for after, earlier in zip(served_by_each(layout), served_before, strict=True)
        ],
        "passed on by nginx after a failure": passed_on(layout) - passed_before,
    }
    print(f"\n{title}: " + ", ".join(f"{key} {value}" for key, value in figures.items()))
    for failure in load.failures[:3]:
        print("  failed:", failure)
    return figures | {"failures": load.failures, "lost texts": lost, "doubled texts": doubled}


def test_one_app_server_killed_costs_no_request(layout):
    before = marks(layout)
    with Load(layout, layout.release["page"]) as load:
        time.sleep(FORM_AGE + 2)  # posts under way on both app servers
        # A crash: the app server's whole process group, no chance to finish anything.
        os.killpg(layout.pid("gunicorn-2"), signal.SIGKILL)
        time.sleep(6)
    figures = report("one of two app servers killed", load, layout, before)
    try:
        assert load.counts["posts"] > 0 and load.counts["reads"] > 0
        assert all(n > 0 for n in figures["requests per app server"])
        # The kill was felt: nginx met the dead server and passed those requests on.
        assert figures["passed on by nginx after a failure"] > 0
        assert figures["failures"] == []
        assert figures["lost texts"] == [] and figures["doubled texts"] == {}
    finally:
        run_local(layout.env, "app-start", "2", timeout=120)


def test_a_rolling_restart_costs_no_request_and_no_reaction(layout):
    before = marks(layout)
    pids = [layout.pid(f"gunicorn-{i}") for i in range(1, APP_SERVERS + 1)]
    with Load(layout, layout.release["page"]) as load:
        time.sleep(FORM_AGE + 1)
        started = time.monotonic()
        run_local(layout.env, "app-restart", timeout=180)
        restart_seconds = time.monotonic() - started
        time.sleep(FORM_AGE + 1)  # forms handed out by the old servers, sent to the new
    figures = report("rolling restart of all app servers", load, layout, before)
    print(f"  the rolling restart took {restart_seconds:.1f} s")
    # Every app server is a new process now.
    assert all(layout.pid(f"gunicorn-{i}") != pid for i, pid in enumerate(pids, start=1))
    assert load.counts["posts"] > 0 and load.counts["reads"] > 0
    assert figures["failures"] == []
    assert figures["lost texts"] == [] and figures["doubled texts"] == {}


# A migration's schema change, as Django's schema editor makes it for AddField (and
# RemoveField to undo it), applied to the reactions' table while the app servers run
# code that does not know the column: what step 1 of a deploy does.
ADD_COLUMN = """
from django.db import connection, models
from comments.models import Comment
field = models.CharField(max_length=10, {options})
field.set_attributes_from_name("{name}")
field.model = Comment
with connection.schema_editor() as editor:
    editor.{operation}(Comment, field)
print("{{}}")
"""


def alter_reactions(layout: Layout, operation: str, name: str, options: str) -> None:
    script = ADD_COLUMN.format(operation=operation, name=name, options=options)
    run_local(layout.env, "manage", "shell", "--no-imports", "-c", script)


@pytest.mark.parametrize(
    ("options", "safe"),
    [('db_default="", default=""', True), ('default="x"', False)],
    ids=["with-db-default", "without"],
)
def test_a_column_added_while_the_old_code_serves(layout, options, safe):
    """The rule of docs/operations.md ("Migrations"): a column added with a database
    default costs the running code nothing; one with only Django's default (dropped
    from the table after it is added) makes every reaction the running code posts fail.
    The second case shows the load would notice."""
    name = f"probe_{uuid.uuid4().hex[:8]}"
    before = marks(layout)
    try:
        with Load(layout, layout.release["page"]) as load:
            time.sleep(FORM_AGE + 1)
            alter_reactions(layout, "add_field", name, options)
            time.sleep(FORM_AGE + 2)
    finally:
        alter_reactions(layout, "remove_field", name, options)
    title = "a column " + ("with" if safe else "without") + " a database default added"
    figures = report(title, load, layout, before)
    assert load.counts["posts"] > 0 and load.counts["reads"] > 0
    failed_reads = [failure for failure in figures["failures"] if failure[0] == "reads"]
    assert failed_reads == []
    assert figures["lost texts"] == [] and figures["doubled texts"] == {}
    if safe:
        assert figures["failures"] == []
    else:
        assert [failure for failure in figures["failures"] if failure[0] == "posts"]
