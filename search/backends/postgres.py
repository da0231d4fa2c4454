"""PostgreSQL: the Persian pipeline is not wired into PostgreSQL full-text search yet (issue #4).

Until it is, PostgreSQL uses Wagtail's own PostgreSQL backend, and says so in the log once.
"""

import logging

from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

log = logging.getLogger(__name__)


class PersianPostgresSearchBackend(PostgresSearchBackend):
    def __init__(self, params):
        super().__init__(params)
        log.warning("PostgreSQL search runs without the Persian pipeline (Wagtail's own backend); see issue #4")
