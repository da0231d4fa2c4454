"""PostgreSQL restarted under a running gunicorn: the first requests after it are answered.

Runs in the PostgreSQL pass of make test (tests/pg/with-postgres.sh says where its server lives).
Django's kept connections are health-checked before reuse (CONN_HEALTH_CHECKS), so a request after
the restart reconnects instead of failing on a dead connection.
"""

import http.client
import os
import time

import pytest

from dev.stack import Gunicorn, PostgresServer, manage, production_env

from .conftest import needs_gunicorn, on_postgres, postgres_databases

pytestmark = [
    needs_gunicorn,
    pytest.mark.skipif(
        not (on_postgres() and os.environ.get("HAMANDISHI_PG_DATA")),
        reason="needs the throwaway server of tests/pg/with-postgres.sh (the PostgreSQL pass of make test)",
    ),
]


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def restartable():
    server = PostgresServer()
    yield server
    from django.db import connections

    for connection in connections.all():
        connection.close()  # this process's own connection died with the server too


def test_requests_after_a_database_restart_are_answered(restartable, tmp_path):
    with postgres_databases("restart") as (url,):
        env = production_env(url, tmp_path, DB_CONN_MAX_AGE="600")
        manage(env, "migrate", "--noinput", "-v", "0")
        with Gunicorn(env, tmp_path / "run", workers=2) as server:
            for _ in range(6):  # every worker holds a kept connection
                assert get(server.port, "/healthz")[0] == 200
                assert get(server.port, "/meetings/")[0] in (200, 404)
            restartable.stop()
            try:
                status, body = get(server.port, "/healthz")
                assert status == 503, "the database is down and /healthz says so"
            finally:
                restartable.start()
            started = time.monotonic()
            for _ in range(12):
                status, body = get(server.port, "/healthz")
                assert status == 200, (body, server.logs()[-3000:])
            assert time.monotonic() - started < 12 * 5
