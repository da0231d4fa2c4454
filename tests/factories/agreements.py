"""Agreements between municipalities: parties, status, term of validity, approving resolution."""

import factory

from agreements.models import AgreementDocument, AgreementPage
from meetings.models import Resolution
from persian.jalali import parse_date

from .documents import DocumentFactory
from .places import municipalities_named
from .records import RecordPageFactory


class AgreementPageFactory(RecordPageFactory):
    """``parties`` takes municipality names: each becomes a party municipality of the agreement's
    province (created if new) and a line of its parties text, written «شهرداری X» as offices do."""

    class Meta:
        model = AgreementPage

    title = factory.Sequence(lambda n: f"تفاهم‌نامه همکاری شماره {n}")
    ref = factory.Sequence(lambda n: f"QOM-TN-{n + 100}")
    parties = ("قم", "کهک")
    status = "in_force"
    valid_until = None
    approved_by = None

    @classmethod
    def _prepare(cls, model_class, kwargs):
        kwargs = super()._prepare(model_class, kwargs)
        names = kwargs.pop("parties")
        kwargs["party_municipalities"] = municipalities_named(kwargs["province"], names)
        kwargs["parties"] = "\n".join(f"شهرداری {municipality.name}" for municipality in kwargs["party_municipalities"])
        return kwargs


class AgreementDocumentFactory(factory.Factory):
    """An unsaved document row, to hand to ``AgreementPageFactory(documents=[…])``; ``restricted=True``
    closes the file to all but the parties' staff and the province's office."""

    class Meta:
        model = AgreementDocument

    document = factory.SubFactory(DocumentFactory)
    restricted = False


class QomAgreementFactory(AgreementPageFactory):
    """The Qom agreement of ``tests.conftest.agreement_fields``, approved by resolution 1 of
    QOM-1403-11 (``QomMeetingFactory``) when it exists."""

    ref = "QOM-TN-1403-02"
    title = "تفاهم‌نامه همکاری در دفن بهداشتی پسماند"
    date = factory.LazyFunction(lambda: parse_date("1403/09/01"))
    valid_until = factory.LazyFunction(lambda: parse_date("1406/09/01"))
    body = "متن صورت‌جلسه."
    approved_by = factory.LazyFunction(lambda: Resolution.objects.filter(meeting__ref="QOM-1403-11", number=1).first())
