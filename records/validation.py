"""Validating a record page once per write.

Publishing a record saves its page three times (the page, its revision, the publish), and Wagtail
validates it completely each time: uniqueness checks, the ref's owner across every record type, the
slug among its siblings. Inside ``validated_once()`` a page validated by one save is not validated again
by the saves that follow in the same block, which write the same content (the revision is a copy of the
saved page, the publish writes that revision back), and the revision read back for the publish is not
checked for foreign keys that vanished since (nothing can have, in the same transaction).
"""

from contextlib import contextmanager
from contextvars import ContextVar

_validated = ContextVar("records_validated", default=None)


@contextmanager
def validated_once():
    token = _validated.set(set())
    try:
        yield
    finally:
        _validated.reset(token)


def already_validated(pk):
    validated = _validated.get()
    return validated is not None and pk is not None and pk in validated


def note_validated(pk):
    validated = _validated.get()
    if validated is not None:
        validated.add(pk)
