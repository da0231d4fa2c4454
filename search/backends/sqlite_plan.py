"""Query plans the SQLite planner would not choose by itself, written by the ORM's own FROM clause
classes (``django.db.models.sql.datastructures``) rather than by editing its SQL: a table read through
a named index (``INDEXED BY``), and an inner join nested in the order written (``CROSS JOIN``).

SQLite has no statistics until ``ANALYZE``; without them it may loop over every index entry and run
an FTS5 MATCH per entry, or read a table's wide rows instead of a covering index.
"""

from django.db.models.sql.datastructures import BaseTable, Join


class IndexedTable(BaseTable):
    """The query's base table, read through ``index``: ``"table" INDEXED BY index``."""

    def __init__(self, table_name, alias, index):
        super().__init__(table_name, alias)
        self.index = index

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        return f"{sql} INDEXED BY {self.index}", params

    def relabeled_clone(self, change_map):
        return self.__class__(self.table_name, change_map.get(self.table_alias, self.table_alias), self.index)

    @property
    def identity(self):
        return (*super().identity, self.index)


class PinnedJoin(Join):
    """An inner join that SQLite must nest as written, the joined table read through ``index``:
    ``CROSS JOIN "table" INDEXED BY index ON (…)``; the ON clause is Django's own."""

    index = None

    @classmethod
    def of(cls, join, index):
        pinned = cls(
            join.table_name,
            join.parent_alias,
            join.table_alias,
            join.join_type,
            join.join_field,
            join.nullable,
            filtered_relation=join.filtered_relation,
        )
        pinned.index = index
        return pinned

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        alias = "" if self.table_alias == self.table_name else f" {self.table_alias}"
        reference = f"{compiler.quote_name_unless_alias(self.table_name)}{alias}"
        written = f"{self.join_type} {reference} ON ("  # how Join.as_sql begins (pinned by tests/search)
        if not sql.startswith(written):
            raise RuntimeError(f"unexpected join shape from Django: {sql[: len(written)]!r}")
        return f"CROSS JOIN {reference} INDEXED BY {self.index} ON (" + sql[len(written) :], params

    def relabeled_clone(self, change_map):
        return self.of(super().relabeled_clone(change_map), self.index)

    @property
    def identity(self):
        return (*super().identity, self.index)


def read_through(queryset, index):
    """``queryset`` with its base table read through ``index``."""
    queryset = queryset.all()
    query = queryset.query
    alias = query.get_initial_alias()
    query.alias_map[alias] = IndexedTable(query.alias_map[alias].table_name, alias, index)
    return queryset


def nested_join(queryset, table, index):
    """``queryset`` with its join of ``table`` nested as written and read through ``index``."""
    queryset = queryset.all()
    query = queryset.query
    alias = next(alias for alias, join in query.alias_map.items() if join.table_name == table and join.join_type)
    query.alias_map[alias] = PinnedJoin.of(query.alias_map[alias], index)
    return queryset
