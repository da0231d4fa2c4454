"""Each record type's handler validates and applies its own fields of the exchange format."""

from records.refs import ref_key
from records.registry import record_type


def handler_for(name):
    return record_type(name).handler()


class Batch:
    """Refs of the records being imported together, so a file may point at one earlier in the batch."""

    def __init__(self, records=()):
        self.resolution_refs = set()
        self.record_refs = set()
        for record in records:
            self.add(record)

    def add(self, record):
        self.record_refs.add(ref_key(record.ref))
        for item in record.extra.get("resolutions", ()):
            self.resolution_refs.add((ref_key(record.ref), item["number"]))
