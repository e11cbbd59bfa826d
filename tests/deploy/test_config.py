"""The deploy/ configuration files agree with the application."""

from __future__ import annotations

import datetime as dt
import re
import runpy
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from press.models.parts import ATTACHMENT_MAX_BYTES, IMAGE_MAX_BYTES

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SITE_TEMPLATE = DEPLOY / "nginx" / "site.conf.template"


def test_nginx_accepts_the_largest_upload_the_app_accepts():
    """A hero image and an attachment at their limits, in one admin form, get
    through nginx: otherwise the editor sees nginx's 413 instead of a form error."""
    size = re.search(r"client_max_body_size (\d+)m;", SITE_TEMPLATE.read_text())
    assert size, "client_max_body_size missing"
    limit = int(size[1]) * 1024 * 1024
    assert limit >= ATTACHMENT_MAX_BYTES + IMAGE_MAX_BYTES + 1024 * 1024
    # … and not much more: nginx refuses what the app would refuse anyway.
    assert limit <= 2 * (ATTACHMENT_MAX_BYTES + IMAGE_MAX_BYTES)


def test_the_layouts_nginx_uses_every_core():
    local = (DEPLOY / "nginx" / "local.conf.template").read_text()
    assert re.search(r"^worker_processes auto;$", local, re.MULTILINE)


def test_gunicorn_reads_request_lines_as_long_as_nginx_accepts(monkeypatch):
    """nginx's 8k buffer for the request line is the limit a reader meets (its 414):
    gunicorn must not answer a shorter address nginx passed on with a 414 of its own."""
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    buffers = re.search(r"large_client_header_buffers \d+ (\d+)k;", SITE_TEMPLATE.read_text())
    assert config["limit_request_line"] >= int(buffers[1]) * 1024 - 2


def test_the_front_caches_lifetimes_are_the_apps_alone(settings):
    """No lifetime in nginx's configuration: the app's Cache-Control decides
    (denhaag_cms/frontcache.py). nginx's `inactive` only frees the disk, after the
    longest time the app lets a stale copy stand in."""
    site = SITE_TEMPLATE.read_text()
    config = "\n".join(line.split("#", 1)[0] for line in site.splitlines())
    assert "proxy_cache_valid" not in config
    assert re.search(r"proxy_cache_use_stale off;", config)
    assert re.search(r"proxy_cache_background_update off;", config)
    assert re.search(r"proxy_cache_lock off;", config)
    inactive = re.search(r"inactive=(\d+)m", config)
    assert (
        int(inactive[1]) * 60 > settings.FRONT_CACHE_STALE_SECONDS + settings.FRONT_CACHE_SECONDS
    )


def test_nginx_passes_a_broken_off_post_on_only_for_the_reaction_post(settings):
    """Only posting a reaction may be sent to a second app server after the first one
    broke it off (the same form is one reaction): the location's pattern matches its
    address in every language, and no other address of the site."""
    site = SITE_TEMPLATE.read_text()
    pattern = re.search(r'location ~ "(\^/[^"]*reactions[^"]*)" \{([^}]*)\}', site)
    assert "non_idempotent" in pattern[2]
    assert site.count("non_idempotent") == 1
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            post = reverse("comments:post", kwargs={"thread_id": 7})
            others = [
                reverse("comments:thanks", kwargs={"thread_id": 7}),
                reverse("comments:close", kwargs={"thread_id": 7}),
                reverse("alerts:sign-up"),
            ]
        assert re.match(pattern[1], post), post
        assert not [other for other in others if re.match(pattern[1], other)]


def test_gunicorn_listens_on_a_unix_socket_by_default(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["bind"] == ["unix:/run/denhaag-cms/gunicorn.sock"]
    assert config["workers"] == 3
    assert config["timeout"] == 30
    assert config["accesslog"] == "-"
    # nginx waits a little longer than gunicorn, so the client gets gunicorn's answer.
    app_location = SITE_TEMPLATE.read_text().split("    location / {", 1)[1]
    read_timeout = re.search(r"proxy_read_timeout (\d+)s;", app_location)
    assert int(read_timeout[1]) > config["timeout"]


@pytest.mark.deploy
def test_nginx_accepts_the_site_rendered_for_a_server(tmp_path):
    """The template as an operator renders it (port 443, a real certificate path)."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=nieuws.denhaag.nl", "-keyout", str(tmp_path / "key.pem")]
        + ["-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    env = {
        "PATH": "/usr/sbin:/usr/bin:/bin",
        "NGINX_SERVER_NAME": "nieuws.denhaag.nl",
        "NGINX_HTTPS_LISTEN": "443",
        "NGINX_HTTP_LISTEN": "80",
        "NGINX_HTTPS_PORT_SUFFIX": "",
        "TLS_CERTIFICATE": str(tmp_path / "cert.pem"),
        "TLS_CERTIFICATE_KEY": str(tmp_path / "key.pem"),
        "APP_UPSTREAM_SERVERS": "server 10.0.0.11:8000 max_fails=1 fail_timeout=5s;"
        " server 10.0.0.12:8000 max_fails=1 fail_timeout=5s;",
        "HEALTH_UPSTREAM": "unix:/run/denhaag-cms/health.sock",
        "STATIC_ROOT": "/srv/denhaag-cms/static",
        "MEDIA_ROOT": "/srv/denhaag-cms/media",
        "NGINX_CACHE_PATH": str(tmp_path / "cache"),
        "NGINX_ACCESS_LOG": str(tmp_path / "access.log"),
    }
    site = subprocess.run(
        [str(DEPLOY / "render-nginx"), str(SITE_TEMPLATE)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "${" not in site
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\ninclude {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    # A missing value is an error, never an empty line in the config.
    missing = subprocess.run(
        [str(DEPLOY / "render-nginx"), str(SITE_TEMPLATE)],
        env={k: v for k, v in env.items() if k != "MEDIA_ROOT"},
        capture_output=True,
        text=True,
    )
    assert missing.returncode != 0
    assert "MEDIA_ROOT" in missing.stderr


def test_the_health_check_has_a_server_of_its_own(monkeypatch):
    """/healthz goes to a small threaded gunicorn beside the app servers, not to the
    sync workers a hanging database or a flood of requests can all hold."""
    monkeypatch.delenv("HEALTH_BIND", raising=False)
    config = runpy.run_path(str(DEPLOY / "gunicorn-health.conf.py"))
    assert config["bind"] == ["unix:/run/denhaag-cms/health.sock"]
    assert config["worker_class"] == "gthread" and config["threads"] >= 2
    site = SITE_TEMPLATE.read_text()
    locations = re.findall(r"location = /healthz \{(.*?)\}", site, re.S)
    assert len(locations) == 2  # plain HTTP and https
    for location in locations:
        assert "proxy_pass http://denhaag_cms_health;" in location
        assert int(re.search(r"proxy_read_timeout (\d+)s;", location)[1]) <= 3


def test_gunicorns_access_log_cuts_share_link_tokens_as_nginxs_does(tmp_path):
    """gunicorn wrote share links' tokens into its access log, in the address and the
    Referer; nginx's log already cut them. One rule (deploy/logrules.py) for both."""
    import secrets
    from types import SimpleNamespace

    from gunicorn.config import Config

    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    token = secrets.token_urlsafe(32)  # as press.sharelinks makes them
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("access_log_format", config["access_log_format"])
    logger = config["logger_class"](cfg)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/nl/embargo/{token}/bijlagen/3/factsheet.pdf",
        "PATH_INFO": f"/nl/embargo/{token}/bijlagen/3/factsheet.pdf",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://nieuws.denhaag.nl/nl/embargo/{token}/",
    }
    headers = [("X-FORWARDED-FOR", "203.0.113.9"), ("REFERER", environ["HTTP_REFERER"])]
    response = SimpleNamespace(status="200 OK", headers=[], sent=10)
    request = SimpleNamespace(headers=headers)
    logger.access(response, request, environ, dt.timedelta(milliseconds=5))
    line = (tmp_path / "access.log").read_text()
    assert token not in line
    assert '"GET /nl/embargo/[token]/bijlagen/3/factsheet.pdf HTTP/1.1" 200' in line
    assert '"https://nieuws.denhaag.nl/nl/embargo/[token]/"' in line
    # nginx's log map is rendered from the same rule.
    rendered = subprocess.run(
        [str(DEPLOY / "render-nginx"), str(SITE_TEMPLATE)],
        env={
            name: "x"
            for name in re.findall(r"\$\{([A-Z0-9_]+)\}", SITE_TEMPLATE.read_text())
            if name != "SHARE_TOKEN"
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = re.search(r'"~\^\(\?<before>\.\*/\)(.+?)\(\?<after>', rendered)[1]
    assert re.fullmatch(pattern, token)
