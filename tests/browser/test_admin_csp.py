"""The admin's Content-Security-Policy in a real browser: the body editor, the language
tabs and the admin's own scripts work, and nothing is blocked."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_release_form_works_under_the_admin_csp(live_server, page, editor):
    console, page_errors = [], []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.add_init_script(RECORD_VIOLATIONS)

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    response = page.goto(live_server.url + "/admin/press/pressrelease/add/")
    policy = response.headers["content-security-policy"]
    script_src = next(part for part in policy.split(";") if "script-src" in part)
    assert "'unsafe-inline'" not in script_src and "'nonce-" in script_src
    assert "frame-ancestors 'none'" in policy

    # The body editor (its modules come through the import map) takes typing, and
    # what is typed reaches the form's field; modeltranslation's EN tab opens.
    body_nl = page.locator(".prose-editor", has=page.locator("#id_body_nl"))
    editor_box = body_nl.get_by_role("textbox")
    editor_box.click()
    page.keyboard.type("Den Haag wordt weerbaarder")
    assert "Den Haag wordt weerbaarder" in editor_box.inner_text()
    page.locator("#id_title_nl").click()  # the editor writes its field on blur
    assert "Den Haag wordt weerbaarder" in page.locator("#id_body_nl").input_value()
    page.locator(".ui-tabs-nav a", has_text="EN").first.click()
    assert page.locator("#id_title_en").is_visible()

    violations = page.evaluate("window.__cspViolations")
    assert violations == []
    assert not [line for line in console if "Content Security Policy" in line], console
    assert page_errors == []
