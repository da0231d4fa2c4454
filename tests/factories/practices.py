"""Best practices (``portal.models`` until they move to an app of their own)."""

import factory

from practices.models import BestPracticePage

from .records import RecordPageFactory


class BestPracticePageFactory(RecordPageFactory):
    class Meta:
        model = BestPracticePage

    title = factory.Sequence(lambda n: f"تجربه موفق شماره {n}")
    ref = factory.Sequence(lambda n: f"BP-QOM-{n + 1:02d}")
    results = ""
    featured = False
    related_resolutions = ()
    related_agreements = ()
