"""Gunicorn settings for the health check's own server (see docs/operations.md).

    gunicorn --config deploy/gunicorn-health.conf.py denhaag_cms.healthwsgi

A small process beside the app servers (deploy/gunicorn.conf.py) that answers /healthz
only: threads, not sync workers, so a few checks at once never wait for each other,
and it shares nothing with the app servers that a blocked worker could hold. nginx
sends /healthz here (deploy/nginx/site.conf.template). Each check ends within
HEALTH_CHECK_TIMEOUT (denhaag_cms.health), whatever the database and the cache do.
"""

import os

# A unix socket (or a loopback/private address), like the app servers': only nginx
# talks to it.
bind = [os.environ.get("HEALTH_BIND", "unix:/run/denhaag-cms/health.sock")]
umask = 0o007
secure_scheme_headers: dict[str, str] = {}

workers = 1
worker_class = "gthread"
threads = 4
# A check takes at most the health check's deadline; anything longer is a fault.
timeout = 10
graceful_timeout = 5
keepalive = 5
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# No access log: the load balancer asks every few seconds. Failures are logged by
# denhaag_cms.health (which part did not answer) on standard error.
accesslog = os.environ.get("HEALTH_ACCESS_LOG") or None
errorlog = os.environ.get("HEALTH_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "denhaag-cms-health"
pidfile = os.environ.get("HEALTH_PIDFILE") or None
