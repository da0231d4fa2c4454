import os

from .base import *  # noqa: F401,F403
from .base import LOGGING, env_bool, require_secret_key

require_secret_key()

# --- HTTPS, cookies and headers (issue 12; deploy/README.md). `manage.py check --deploy` is clean.
# On by default; each can be switched off from the environment, e.g. for a plain-HTTP test host.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes ask over plain HTTP on loopback
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Asking browsers to preload the domain is the operator's decision, not a default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# The reverse proxy terminates TLS and says so in X-Forwarded-Proto (it must overwrite the client's).
if env_bool("TRUST_X_FORWARDED_PROTO", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)

# --- Logs: one JSON object per line on stderr (journald), LOG_FORMAT=text for plain lines.
if os.environ.get("LOG_FORMAT", "json") == "json":
    LOGGING = {
        **LOGGING,
        "formatters": {"json": {"()": "portal.ops.jsonlog.JsonLinesFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    }
