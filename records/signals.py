"""Signals of the records layer, for the layers above it to act on."""

from django.dispatch import Signal

# A record's public face changed outside a publish (a document restricted or released, a scan read):
# whatever keeps a copy of it (the search index) rewrites its copy. Sent with ``page``, any record page.
record_changed = Signal()

# Many records changed at once (a bulk import, ``records.deferral``): sent with ``pages``, {page id: whether
# the records each one affects are to be refreshed too}, and ``models``, {model: ids of pages saved}.
records_changed = Signal()
