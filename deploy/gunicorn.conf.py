"""Gunicorn settings for the Den Haag press CMS (see docs/operations.md).

    gunicorn --config deploy/gunicorn.conf.py denhaag_cms.wsgi

Every value can be changed by an environment variable, so the file itself never
differs between servers. The app server listens only on a unix socket or a loopback
address: nginx (deploy/nginx/) is the only thing that talks to it.
"""

import multiprocessing
import os
import sys

from gunicorn.glogging import Logger

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import logrules  # noqa: E402 (deploy/logrules.py, beside this file)


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


# Where nginx finds us: a unix socket (the default) or a loopback address such as
# 127.0.0.1:8001. Never 0.0.0.0: the app server is reachable only through nginx.
bind = [os.environ.get("GUNICORN_BIND", "unix:/run/denhaag-cms/gunicorn.sock")]
# The socket file is readable and writable by our user and group only (nginx's user
# must be in the group when it runs as another user).
umask = 0o007

# Whether a request came in over https is Django's decision alone (DJANGO_BEHIND_PROXY,
# SECURE_PROXY_SSL_HEADER): gunicorn would otherwise also believe X-Forwarded-Proto
# (from any client on a unix socket) and set the scheme itself.
secure_scheme_headers: dict[str, str] = {}

# Synchronous workers: every request is short (pages, an upload in the admin) and
# nginx buffers slow clients, so a worker is never held by a slow network.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"
# A worker that takes longer than this on one request is killed and restarted.
# nginx's proxy_read_timeout (deploy/nginx/site.conf.template) is a little longer,
# so the client gets gunicorn's answer, not nginx's.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# nginx keeps connections to the app server open (upstream keepalive).
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Restart each worker now and then, so that a slow leak never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# The longest request line gunicorn reads (its maximum): nginx's limit
# (large_client_header_buffers, 8k) is the one a reader meets, with nginx's 414;
# gunicorn's default (4094) answered addresses nginx had accepted with a 414 of its own.
limit_request_line = 8190
# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# One access-log line per request, with the client's address as nginx passed it on.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'


class TokenCuttingLogger(Logger):
    """A share link's token never reaches the access log, in the address or in the
    Referer (deploy/logrules.py: the same rule as nginx's log)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{referer}i"):
            if isinstance(atoms.get(key), str):
                atoms[key] = logrules.cut(atoms[key])
        return atoms


logger_class = TokenCuttingLogger
proc_name = "denhaag-cms"

pidfile = os.environ.get("GUNICORN_PIDFILE") or None
