"""factory-boy factories for tests that need a few records; the Markdown corpus stays for the tests
of the import and the archive format themselves."""

from .agreements import AgreementDocumentFactory, AgreementPageFactory, QomAgreementFactory
from .desk import DeskUserFactory, OfficeProfileFactory, UserFactory
from .documents import DocumentFactory, ImageFactory, pdf_bytes, png_bytes
from .meetings import MeetingPageFactory, QazvinMeetingFactory, QomMeetingFactory, ResolutionFactory
from .places import MunicipalityFactory, ProvinceFactory, TopicFactory
from .practices import BestPracticePageFactory
from .records import attach, section_of

__all__ = [
    "AgreementDocumentFactory",
    "AgreementPageFactory",
    "BestPracticePageFactory",
    "DeskUserFactory",
    "DocumentFactory",
    "ImageFactory",
    "MeetingPageFactory",
    "MunicipalityFactory",
    "OfficeProfileFactory",
    "ProvinceFactory",
    "QazvinMeetingFactory",
    "QomAgreementFactory",
    "QomMeetingFactory",
    "ResolutionFactory",
    "TopicFactory",
    "UserFactory",
    "attach",
    "pdf_bytes",
    "png_bytes",
    "section_of",
]
