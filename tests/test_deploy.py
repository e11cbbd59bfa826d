"""The production configuration, checked the way an operator would."""

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


# The moderators' mail goes through Django's default mailer: EMAIL_* settings up to
# Django 6.0, MAILERS from 6.1 on (where EMAIL_* are deprecated). Either way the same
# environment must give the same SMTP server, without a deprecation warning.
DEFAULT_MAILER = """
from django.core import mail
backend = mail.mailers.default if hasattr(mail, "mailers") else mail.get_connection()
print(type(backend).__module__, getattr(backend, "host", "-"), getattr(backend, "port", "-"))
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
    assert default_mailer(env) == "django.core.mail.backends.smtp smtp.denhaag.example 2525"


def test_development_mail_is_printed_on_the_console():
    env = {"DJANGO_DEBUG": "true", "DATABASE_URL": "sqlite:///:memory:"}
    assert default_mailer(env).startswith("django.core.mail.backends.console ")


def test_check_deploy_warns_about_a_missing_site_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SITE_URL"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert "denhaag_cms.W001" in result.stdout + result.stderr


def test_site_url_check_warns_until_it_is_the_public_https_address(settings):
    from denhaag_cms.checks import check_site_url

    for address in ("http://127.0.0.1:8000", "https://localhost", "http://nieuws.denhaag.nl"):
        settings.SITE_URL = address
        assert [w.id for w in check_site_url()] == ["denhaag_cms.W001"], address
    settings.SITE_URL = "https://nieuws.denhaag.nl"
    assert check_site_url() == []
