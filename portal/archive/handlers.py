"""Each record type's handler validates and applies its own fields of the exchange format."""

from django.utils.module_loading import import_string

HANDLERS = {
    "meeting": "meetings.archive.MeetingHandler",
    "agreement": "agreements.archive.AgreementHandler",
    "practice": "portal.archive.practice.PracticeHandler",
}


def handler_for(record_type):
    return import_string(HANDLERS[record_type])()


class Batch:
    """Refs of the records being imported together, so a file may point at one earlier in the batch."""

    def __init__(self, records=()):
        self.resolution_refs = set()
        self.record_refs = set()
        for record in records:
            self.add(record)

    def add(self, record):
        from portal.records import ref_key

        self.record_refs.add(ref_key(record.ref))
        for item in record.extra.get("resolutions", ()):
            self.resolution_refs.add((ref_key(record.ref), item["number"]))


def resolution_exists(meeting_ref, number, batch):
    from meetings.models import Resolution
    from portal.records import ref_key

    key = ref_key(meeting_ref)
    if batch is not None and (key, number) in batch.resolution_refs:
        return True
    return Resolution.objects.filter(meeting__ref_key=key, number=number).exists()


def find_resolution(meeting_ref, number):
    from meetings.models import Resolution
    from portal.records import ref_key

    return Resolution.objects.filter(meeting__ref_key=ref_key(meeting_ref), number=number).first()
