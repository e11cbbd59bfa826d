"""CPU per request through Django's WSGI handler alone: no server, no network, no client.

    BENCH_DATABASE_URL=postgres://… BENCH_CACHE_URL=redis://… make bench-wsgi

Production settings (DEBUG off, the cache in Redis, HTTPS), the database as it is
(`make bench` fills it; the seed release must be there). For each page: a warm-up
request (which fills the page cache), then BENCH_ROUNDS requests, each timed with
time.process_time(), BENCH_PASSES times; prints the lowest median (and that pass's
mean) CPU ms per request, and the trivial view's (/robots.txt: all our middleware,
no query) divided by it, i.e. the page's throughput as a share of the trivial view's
for a CPU-bound server. PAGE_CACHE_SECONDS=0 measures the pages uncached. Asserts
nothing; the bytes Redis returns are not counted as Redis's own CPU.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "denhaag_cms.settings"
os.environ["DJANGO_DEBUG"] = "false"
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 60)
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/denhaag_cms_bench"
)
os.environ["CACHE_URL"] = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")
os.environ.setdefault("PAGE_CACHE_SECONDS", "600")
STATIC_ROOT = Path(tempfile.gettempdir()) / "denhaag-bench-wsgi-static"
os.environ["DJANGO_STATIC_ROOT"] = str(STATIC_ROOT)

from django.core.wsgi import get_wsgi_application  # noqa: E402

from scripts.bench.tools import new_search  # noqa: E402

application = get_wsgi_application()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2000"))
PASSES = int(os.environ.get("BENCH_PASSES", "3"))
SEED = "den-haag-toegetreden-tot-100-resilient-cities-netwerk"


def request(path: str, query: str = "") -> tuple[str, dict]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost",
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "HTTP_USER_AGENT": "bench_wsgi",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status = {}

    def start_response(line, headers, exc_info=None):
        status["line"], status["headers"] = line, dict(headers)

    body = application(environ, start_response)
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return status["line"], status["headers"] | {"_content": content}


def measure(path: str, query: str | None = "") -> tuple[float, float, dict]:
    """`query` None: a search with words not asked before in every request."""
    asked = iter(range(time.time_ns() // 10**6 * 100, 10**18, 100))

    def ask() -> str:
        return new_search("q=kustverdediging", next(asked)) if query is None else query

    line, headers = request(path, ask())  # warm-up (fills the page cache)
    assert line.startswith("200"), (path, line)
    cpu = []
    for _ in range(ROUNDS):
        query_string = ask()
        start = time.process_time()
        line, headers = request(path, query_string)
        cpu.append((time.process_time() - start) * 1000)
    assert line.startswith("200"), (path, line)
    return statistics.median(cpu), statistics.fmean(cpu), headers


def main() -> None:
    if not (STATIC_ROOT / "staticfiles.json").exists():  # the manifest the templates need
        call_command("collectstatic", interactive=False, verbosity=0)
    cache.clear()  # BENCH_CACHE_URL's database: pages rendered by this code
    pages = [
        ("trivial view (/robots.txt)", "/robots.txt", ""),
        ("article (nl)", f"/nl/persberichten/{SEED}/", ""),
        ("newsroom (nl)", "/nl/", ""),
        ("search (nl)", "/nl/", "q=kustverdediging"),
        ("search, a new query (nl)", "/nl/", None),
        ("theme page (nl)", "/nl/themas/kustverdediging/", ""),
        ("year archive (nl)", "/nl/archief/2016/", ""),
    ]
    print(f"{ROUNDS} requests each, PAGE_CACHE_SECONDS={settings.PAGE_CACHE_SECONDS}")
    print(f"{'page':32} {'median ms':>10} {'mean ms':>9} {'vs trivial':>11}  X-Page-Cache")
    trivial = None
    for name, path, query in pages:
        # The best of PASSES runs: the machine may be shared, its noise only adds.
        runs = [measure(path, query) for _ in range(PASSES)]
        median, mean, headers = min(runs, key=lambda run: run[0])
        trivial = trivial or median
        print(
            f"{name:32} {median:10.3f} {mean:9.3f} {trivial / median:10.0%}"
            f"  {headers.get('X-Page-Cache', '-')}"
        )


if __name__ == "__main__":
    main()
