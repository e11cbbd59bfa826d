"""The production configuration, checked the way an operator would."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "nieuws.denhaag.nl",
    "DATABASE_URL": "sqlite:///:memory:",
    "SITE_URL": "https://nieuws.denhaag.nl",
    # security.txt's Expires, reviewed: some months ahead of today.
    "SECURITY_TXT_EXPIRES": (dt.datetime.now(dt.UTC) + dt.timedelta(days=180)).isoformat(),
}


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_web_app_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    result = subprocess.run(
        [sys.executable, "-c", "import denhaag_cms.wsgi"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# The moderators' mail goes through Django's default mail backend (EMAIL_* settings),
# without a deprecation warning.
DEFAULT_MAILER = """
from django.core import mail
backend = mail.get_connection()
print(
    type(backend).__module__,
    getattr(backend, "host", "-"),
    getattr(backend, "port", "-"),
    getattr(backend, "timeout", "-"),
)
"""


def default_mailer(env: dict) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    result = subprocess.run(
        [
            sys.executable,
            "-W",
            "error::DeprecationWarning",
            "-W",
            "error::PendingDeprecationWarning",
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            DEFAULT_MAILER,
        ],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def test_production_mail_goes_to_the_configured_smtp_server():
    env = PRODUCTION_ENV | {
        "DJANGO_EMAIL_HOST": "smtp.denhaag.example",
        "DJANGO_EMAIL_PORT": "2525",
    }
    assert default_mailer(env) == "django.core.mail.backends.smtp smtp.denhaag.example 2525 5"


def test_a_hanging_mail_server_is_given_up_after_the_configured_timeout():
    env = PRODUCTION_ENV | {"DJANGO_EMAIL_TIMEOUT": "5"}
    assert default_mailer(env) == "django.core.mail.backends.smtp localhost 25 5"


def test_development_mail_is_printed_on_the_console():
    env = {"DJANGO_DEBUG": "true", "DATABASE_URL": "sqlite:///:memory:"}
    assert default_mailer(env).startswith("django.core.mail.backends.console ")


def test_check_deploy_warns_about_a_missing_site_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SITE_URL"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "denhaag_cms.W001" in result.stdout + result.stderr


def test_check_deploy_warns_behind_a_proxy_without_trusted_proxy_count():
    env = PRODUCTION_ENV | {"DJANGO_BEHIND_PROXY": "true", "DJANGO_TRUSTED_PROXY_COUNT": "0"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "denhaag_cms.W002" in result.stdout + result.stderr
    assert "DJANGO_TRUSTED_PROXY_COUNT" in result.stdout + result.stderr

    env["DJANGO_TRUSTED_PROXY_COUNT"] = "1"
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


# The admin login as a browser sees it in production (https through the proxy): the
# headers and cookies the Mozilla Observatory rubric scores, printed as JSON.
ADMIN_LOGIN_HEADERS = """
import datetime as dt
import json
from django.contrib.auth.models import User
from django.core.management import call_command
from django.conf import settings
from django.test import Client, override_settings

# Static files are not collected for this test: plain storage, headers unchanged.
override_settings(
    STORAGES=settings.STORAGES
    | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
call_command("migrate", verbosity=0)
User.objects.create_user("editor", password="correct horse battery", is_staff=True)
client = Client(HTTP_HOST="nieuws.denhaag.nl", HTTP_X_FORWARDED_PROTO="https")
page = client.get("/admin/login/")
login = client.post(
    "/admin/login/",
    {"username": "editor", "password": "correct horse battery", "next": "/admin/"},
)
public = client.get("/nl/")
def cookies(response):
    return {
        name: {"secure": bool(c["secure"]), "httponly": bool(c["httponly"]),
               "samesite": c["samesite"], "max-age": c["max-age"]}
        for name, c in response.cookies.items()
    }
print(json.dumps({
    "status": [page.status_code, login.status_code, login.get("Location")],
    "headers": dict(page.headers),
    "public_headers": dict(public.headers),
    "cookies": cookies(page) | cookies(login),
}))
"""


def test_admin_login_scores_a_plus_on_the_observatory_rubric():
    env = PRODUCTION_ENV | {"DJANGO_BEHIND_PROXY": "true", "DJANGO_TRUSTED_PROXY_COUNT": "1"}
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", ADMIN_LOGIN_HEADERS],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == [200, 302, "/admin/"]

    for headers in (seen["headers"], seen["public_headers"]):
        policy = dict(
            (part.split() + [""])[:2] if " " in part.strip() else (part.strip(), "")
            for part in (p.strip() for p in headers["Content-Security-Policy"].split(";"))
        )
        assert policy["default-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
        script_src = headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        hsts = headers["Strict-Transport-Security"]
        assert int(hsts.split("max-age=")[1].split(";")[0]) >= 15768000  # six months
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}
        assert headers["X-Frame-Options"] == "DENY"
        assert "camera=()" in headers["Permissions-Policy"]

    assert set(seen["cookies"]) == {"csrftoken", "sessionid"}
    for name, cookie in seen["cookies"].items():
        assert cookie["secure"] and cookie["httponly"], name
        assert cookie["samesite"] in {"Lax", "Strict"}, name
    assert seen["cookies"]["sessionid"]["max-age"] == ""  # ends with the browser


def test_site_url_check_warns_until_it_is_the_public_https_address(settings):
    from denhaag_cms.checks import check_site_url

    for address in ("http://127.0.0.1:8000", "https://localhost", "http://nieuws.denhaag.nl"):
        settings.SITE_URL = address
        assert [w.id for w in check_site_url()] == ["denhaag_cms.W001"], address
    settings.SITE_URL = "https://nieuws.denhaag.nl"
    assert check_site_url() == []
