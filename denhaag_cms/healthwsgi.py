"""The health check's own server: /healthz answered beside the app servers, never
behind them.

The app servers are gunicorn's sync workers: when every one of them waits (on a
database that hangs, on a flood of slow requests), a health check queued behind
them would get nginx's 504 after its timeout instead of an answer. This WSGI
application runs in a process of its own (deploy/gunicorn-health.conf.py: one worker
with a few threads, its own socket), and nginx sends /healthz there. It answers
/healthz only, through the same code as the app servers' (the first middleware,
denhaag_cms.middleware.HealthCheckMiddleware, then denhaag_cms.health with its own
deadline), and 404 to every other address without running Django at all.
"""

from __future__ import annotations

from denhaag_cms.wsgi import application as site

HEALTH_CHECK_PATH = "/healthz"


def application(environ, start_response):
    if environ.get("PATH_INFO") != HEALTH_CHECK_PATH:
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"Not found: this server answers /healthz only.\n"]
    return site(environ, start_response)
