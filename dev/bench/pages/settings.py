"""Production's settings, plus a count of each request's SQL queries in a response header
(``dev.bench.pages.querycount``): what ``make bench-pages`` serves."""

from portal.settings.production import *  # noqa: F401,F403
from portal.settings.production import MIDDLEWARE

# outermost, so sessions, authentication and every middleware's queries count too
MIDDLEWARE = ["dev.bench.pages.querycount.query_count_middleware", *MIDDLEWARE]
