"""Production-safe settings: everything comes from the environment, DEBUG is off."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from search.config import search_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.sites",
    "desk.users_app.DeskUsersConfig",  # wagtail.users with the desk's user form fields
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.contrib.sitemaps",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The project's own apps, from the foundation up to the site (README: "Layers"). After Wagtail's, so
    # their ready() replaces Wagtail's defaults (permission policies, the submission e-mail); the record
    # apps in the order the registry lists their types (a type may refer to those before it).
    "persian",
    "places",
    "desk.apps.DeskConfig",
    "thesaurus",
    "records",
    "meetings",
    "agreements",
    "practices",
    "ocr",
    "search",
    "records_api",
    "alerts",
    "opendata",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.ops.headers.ContentSecurityPolicyMiddleware",
    "portal.ops.errors.DiskFullMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # before sessions, authentication and the view: a stored public answer costs none of them
    "portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # before anything looks a path up (the redirects' table too): control characters and bad parameters → 400
    "portal.bad_requests.BadRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "agreements.admin_scope.DocumentScopeMiddleware",  # the desk's page scope, and documents
    "axes.middleware.AxesMiddleware",  # last: turns a refused login into the Persian lockout page
]

# The page the archive's section pages hang under (records.site_tree), named like AUTH_USER_MODEL.
ARCHIVE_HOME_PAGE_MODEL = "portal.HomePage"
ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A kept connection is tested before each request reuses it: after a database restart the
        # first request reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: readers do not wait for a writer (a download being counted) nor it for them, and a
    # commit is an append to the log, synced at checkpoints (an operating-system crash may lose the last
    # commits, never corrupt the file).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
    )
# Public pages cached whole for anonymous visitors (portal/page_cache.py), for PAGE_CACHE_SECONDS (0: off),
# and search answers (search/answers.py, and /api/search/ whole) for SEARCH_CACHE_SECONDS (0: off):
# in files under PAGE_CACHE_DIR on one server; CACHE_URL=redis://host:port/db (or REDIS_URL) shares them
# between several servers (Django's RedisCache, the `redis` package).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "60"))
_CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or ""
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / ".cache" / "pages")),
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    ),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Persian first: the site and the Wagtail admin speak Persian, right to left.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fa", "فارسی")]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The open-data builds (opendata.store), served by /open-data/files/ only; rebuilt in the background
# OPEN_DATA_BUILD_DELAY seconds after a change, so that an import's records land in one build.
OPEN_DATA_ROOT = Path(os.environ.get("OPEN_DATA_ROOT", MEDIA_ROOT / "open-data"))
OPEN_DATA_REBUILD_ON_CHANGE = env_bool("OPEN_DATA_REBUILD_ON_CHANGE", True)
OPEN_DATA_BUILD_DELAY = int(os.environ.get("OPEN_DATA_BUILD_DELAY", "60"))
# Public images from MEDIA_ROOT through portal.ops.media, for when the reverse proxy does not serve them.
SERVE_PUBLIC_IMAGES = env_bool("SERVE_PUBLIC_IMAGES", True)
STORAGES = {
    "default": {"BACKEND": "portal.ops.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "portal.ops.static_storage.ManifestStaticFilesStorage"},
}
# Until collectstatic has run, WhiteNoise serves the apps' own files (portal/ops/static_storage.py).
WHITENOISE_USE_FINDERS = True

WAGTAIL_SITE_NAME = "هم‌اندیشی"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to another host
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nor the admin's release check
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "tif", "tiff"]  # a multi-page TIFF scan is a document
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Pixels (width × height × frames) an image may have, in the admin and the archive import: a
# rendition of a larger one costs seconds and hundreds of megabytes; a decompression bomb more.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.image_forms.PersianImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_DATE_FORMAT = "Y-m-d"

WAGTAILSEARCH_BACKENDS = search_backends(os.environ)

# Wagtail's own housekeeping (reference index, file deletion) stays on the default, immediate backend as
# it always was; slow work (attachment text, OCR, alerts, index catch-up) is enqueued on "background"
# with @task(backend=BACKGROUND) and run by `manage.py db_worker`, never inside a web request.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hamandishi@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Restricted agreement documents send anonymous visitors to sign in; the admin's login is Persian.
LOGIN_URL = "wagtailadmin_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"

# Login throttling (django-axes, desk/login_throttle.py): a user name from one address, and an address
# over any user names, are locked for a while after repeated failures; the office lifts locks in the admin.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("LOGIN_IP_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "desk.login_throttle.ThrottleHandler"
AXES_LOCKOUT_CALLABLE = "desk.login_throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "desk.login_throttle.client_ip"
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))  # X-Forwarded-For is ignored without
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # failures are kept; successful logins are Wagtail's business
AXES_ENABLE_ADMIN = False  # the project has no Django admin; see Settings → قفل‌های ورود

# The records API /api/v1/ (records_api): read-only, anonymous, throttled per address so a scraper
# cannot flood it; the views set their own authentication, renderers, pagination and errors.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "120/minute")},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "UNICODE_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API بایگانی هم‌اندیشی",
    "DESCRIPTION": (
        "نشست‌ها و مصوبات، تفاهم‌نامه‌ها و تجربه‌های موفق منتشرشدهٔ بایگانی، فقط‌خواندنی و بی‌نیاز از ورود. "
        "تاریخ‌ها هم میلادی (ISO) و هم شمسی‌اند؛ سال در پارامتر year شمسی است. "
        'پاسخ پارامتر نادرست ۴۰۰ است با {"error": "…"}.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "PREPROCESSING_HOOKS": ["records_api.schema.only_this_api"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # A resolution's status and its current status share one set of choices: one enum in the schema.
    "ENUM_NAME_OVERRIDES": {"ResolutionStatusEnum": "meetings.models.ResolutionStatus"},
    # Swagger UI from drf-spectacular-sidecar's files in our static files: nothing from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Per-task and per-page-action lines drown the import's own output.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment")
