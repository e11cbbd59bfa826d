"""Playwright with Debian's Chromium. In CI a missing browser fails; never skipped there."""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Playwright's sync API runs an event loop; the tests' own ORM calls are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Screenshots of failed browser tests (CI keeps the folder as an artefact; git ignores it).
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", Path(__file__).parents[2] / "test-artifacts"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def screenshot_on_failure(request, page) -> None:
    report = getattr(request.node, "report_call", None)
    if report is None or not report.failed or page.is_closed():
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    except Exception as error:  # a broken page must not hide the test's own failure
        print(f"screenshot failed: {error}")


class Steps:
    """The named steps of a long browser walk. `steps(page, "submitted with a note")`
    screenshots the page after that step; when the test fails, every step's
    screenshot, and the page as it was when it failed, are kept in
    test-artifacts/<test>/ (01-….png, 02-….png …, then failed.png), so CI's artefact
    shows how far the walk came and what each page looked like."""

    def __init__(self) -> None:
        self.shots: list[tuple[str, bytes]] = []
        self.page = None

    def __call__(self, page, name: str) -> None:
        self.page = page
        try:
            self.shots.append((name, page.screenshot(full_page=True)))
        except Exception as error:  # a broken page must not hide the step's own failure
            print(f"screenshot of step {name!r} failed: {error}")

    def keep(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        kept = []
        for number, (name, png) in enumerate(self.shots, start=1):
            slug = re.sub(r"[^\w.-]+", "-", name)[:80]
            path = folder / f"{number:02d}-{slug}.png"
            path.write_bytes(png)
            kept.append(path)
        if self.page is not None and not self.page.is_closed():
            try:
                self.page.screenshot(path=str(folder / "failed.png"), full_page=True)
                kept.append(folder / "failed.png")
            except Exception as error:
                print(f"screenshot of the failed page failed: {error}")
        return kept


@pytest.fixture
def steps(request):
    recorder = Steps()
    yield recorder
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        kept = recorder.keep(ARTIFACTS / name)
        print(f"kept {len(kept)} screenshots in {ARTIFACTS / name}")


# A whole admin page under coverage.py on a busy CI machine may take more than the
# 10 s every other wait gets; a page that never loads still fails.
NAVIGATION_TIMEOUT = 30_000


@pytest.fixture
def page(chromium, request):
    context = chromium.new_context(locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    yield page
    screenshot_on_failure(request, page)
    context.close()


@pytest.fixture
def page_without_js(chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    yield page
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# WCAG 2.2 A/AA: axe's rules for 2.0, 2.1 and the one 2.2 adds (target size, 2.5.8).
WCAG_AA = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}


def assert_accessible(axe, page) -> None:
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def assert_no_serious_violations(axe, page) -> None:
    """No serious or critical WCAG 2.2 A/AA violation (axe-core's impact levels)."""
    results = axe.run(page, options=WCAG_AA)
    serious = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    report = "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
        f"{[node['target'] for node in v['nodes'][:5]]})"
        for v in serious
    )
    assert serious == [], f"{page.url}\n{report}"
