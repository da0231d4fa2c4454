"""Gunicorn's settings for Hamandishi (`gunicorn -c deploy/gunicorn.conf.py`); the environment overrides."""

import os
from pathlib import Path

chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
# Threads in each worker: a request waiting on the database, a file or a slow client does not hold a whole
# process, and connections are kept alive between requests (the proxy's too, nginx.conf), so a request
# costs no new connection. Django's database connections are per thread.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Django is loaded once in the master and forked: workers start at once and share its memory.
# Code changes therefore need `systemctl restart`, not a HUP.
preload_app = True
# No control socket: several instances (or test runs) on one host would fight over its one path.
control_socket_disable = True
# A worker is replaced now and then, so a slow leak never grows for weeks.
max_requests = 5000
max_requests_jitter = 500
# Only the local reverse proxy may say what the client's address and scheme were.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'

if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "portal.ops.jsonlog.JsonLinesFormatter"}},
        # Gunicorn's own handler names, which its default root and loggers refer to.
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
            "error_console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        },
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }
