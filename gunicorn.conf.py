"""Gunicorn, the production server: `gunicorn` run from the repository root
reads this file (or pass `-c gunicorn.conf.py`).

Like newsroom/settings.py, everything deploy-specific comes from the
environment; the Django settings themselves (DEBUG=0, SECRET_KEY, ...) are
read by the application as usual.
"""

import os

wsgi_app = "newsroom.wsgi:application"
# Loopback by default: a TLS-terminating proxy in front forwards to it.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# WEB_CONCURRENCY is the name gunicorn and most platforms use for this.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
# Access and error logs on standard output, for the process manager to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# %(M)s: the response time in milliseconds.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Only the local proxy may say that a request came over HTTPS
# (see SECURE_PROXY_SSL_HEADER in the settings).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
