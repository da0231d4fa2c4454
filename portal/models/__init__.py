from .attachments import DocumentDownload, RecordDocument, RecordImage
from .home import HomePage
from .practices import BestPracticePage, PracticeDocument, PracticeImage, PracticeIndexPage
from .records import ArchiveRecordPage, RecordIndexPage
from .taxonomy import Municipality, Province, Topic

__all__ = [
    "ArchiveRecordPage",
    "BestPracticePage",
    "DocumentDownload",
    "HomePage",
    "Municipality",
    "PracticeDocument",
    "PracticeImage",
    "PracticeIndexPage",
    "Province",
    "RecordDocument",
    "RecordImage",
    "RecordIndexPage",
    "Topic",
]
