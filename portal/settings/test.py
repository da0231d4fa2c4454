import os
import tempfile

from .dev import *  # noqa: F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="hamandishi-media-")
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tests run background tasks inline unless a test starts a real db_worker on the database backend.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# Tesseract is CPU-heavy: tests that OCR turn reading on upload back on themselves.
OCR_ON_UPLOAD = False
# Playwright's wait_for_function() and evaluate() run strings in the page, which the site's policy
# forbids; tests/browser/test_csp_browser.py hands the browser the policy as enforced and checks that
# no page breaks it.
CSP_REPORT_ONLY = True
# The page cache is off (dev's default) but for the tests that turn it on, in a cache of their own.
CACHES = {
    **CACHES,  # noqa: F405
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="hamandishi-pages-"),
    },
}
# Open data: under the test media; built on change only in the tests of opendata, which turn it on.
OPEN_DATA_ROOT = os.path.join(MEDIA_ROOT, "open-data")
OPEN_DATA_REBUILD_ON_CHANGE = False
