"""Counts the SQL queries of each request in an ``X-Query-Count`` header, for the page benchmark only
(``dev.bench.pages.settings`` adds it in front of production's middleware; the site never does)."""

from contextlib import ExitStack

from django.db import connections


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def query_count_middleware(get_response):
    def middleware(request):
        counter = QueryCounter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = get_response(request)
        response["X-Query-Count"] = str(counter.count)
        return response

    return middleware
