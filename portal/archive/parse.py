"""Reading one archive file: front matter split, YAML, and validation into a plain record."""

from dataclasses import dataclass, field
import hashlib
from pathlib import Path
import re

import yaml

from portal import jalali
from portal.persian import normalize, to_latin_digits

from .errors import ArchiveError

RECORD_TYPES = ("meeting", "agreement", "practice")
COMMON_FIELDS = {"ref", "type", "title", "date", "province", "municipality", "topics", "summary", "attachments"}
KEPT_FIELDS = {"source"}
DOCUMENT_TYPES = {".pdf": "pdf", ".docx": "docx"}
IMAGE_TYPES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


class _ArchiveLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: ``1404-02-31`` is a valid Jalali date but not a Gregorian one."""


_ArchiveLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)


@dataclass
class Attachment:
    path: Path
    kind: str  # "document" or "image"


@dataclass
class Record:
    path: Path
    ref: str
    type: str
    title: str
    date: object
    province: object
    municipality: str = ""
    topics: list = field(default_factory=list)
    summary: str = ""
    body: str = ""
    source: str = ""
    attachments: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # type-specific fields, validated by the type's handler
    warnings: list = field(default_factory=list)
    digest: str = ""  # of the file and its attachments: an unchanged file is not written again


def split_front_matter(text):
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ArchiveError("front matter", "فایل باید با بلوک YAML میان دو خط --- آغاز شود.")
    try:
        data = yaml.load(match.group(1), Loader=_ArchiveLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (سطر {mark.line + 2})" if mark else ""
        raise ArchiveError("front matter", f"YAML نامعتبر است{where}: {getattr(error, 'problem', error)}") from None
    if not isinstance(data, dict):
        raise ArchiveError("front matter", "بلوک YAML باید مجموعه‌ای از فیلدها باشد.")
    return data, match.group(2).strip("\n")


def text_value(data, name, required=False):
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ArchiveError(name, "این فیلد الزامی است.")
        return ""
    if isinstance(value, (dict, list)):
        raise ArchiveError(name, "باید یک متن ساده باشد.")
    return str(value).strip()


def list_value(data, name):
    value = data.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(isinstance(item, (dict, list)) or item is None for item in value):
        raise ArchiveError(name, "باید فهرستی از متن‌ها باشد.")
    return [str(item).strip() for item in value if str(item).strip()]


def date_value(data, name, required=False):
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise ArchiveError(name, "این فیلد الزامی است.")
        return None
    try:
        return jalali.parse_date(value)
    except jalali.InvalidDate as error:
        raise ArchiveError(name, str(error)) from None


def int_value(value, name):
    text = to_latin_digits(str(value)).strip()
    if not text.isdigit() or int(text) < 1:
        raise ArchiveError(name, f"«{value}» عدد مثبت نیست.")
    return int(text)


def resolution_ref(value, name):
    """Split ``QOM-1403-11#2`` into (``QOM-1403-11``, 2)."""
    text = str(value or "").strip()
    meeting_ref, sep, number = text.rpartition("#")
    if not sep or not meeting_ref.strip():
        raise ArchiveError(name, f"«{text}» باید به شکل شماره‌نشست#شماره‌مصوبه باشد (مانند QOM-1403-11#1).")
    return meeting_ref.strip(), int_value(number, name)


def find_province(name):
    from portal.models import Province

    key = normalize(name)
    for province in Province.objects.all():
        if normalize(province.name) == key or province.code.upper() == key.upper():
            return province
    raise ArchiveError("province", f"استان «{name}» شناخته نیست.")


def check_attachment(base, name):
    path = (base / name).resolve()
    suffix = path.suffix.lower()
    if suffix not in DOCUMENT_TYPES and suffix not in IMAGE_TYPES:
        raise ArchiveError("attachments", f"«{name}»: فقط PDF، DOCX، JPEG و PNG پذیرفته می‌شود.")
    if not path.is_file():
        raise ArchiveError("attachments", f"فایل «{name}» کنار این سند پیدا نشد.")
    size = path.stat().st_size
    if size == 0 or size > MAX_ATTACHMENT_BYTES:
        raise ArchiveError("attachments", f"«{name}»: فایل خالی یا بزرگ‌تر از ۲۵ مگابایت است.")
    head = path.read_bytes()[:8]
    expected = {".pdf": b"%PDF", ".docx": b"PK", ".png": b"\x89PNG", ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8"}
    if not head.startswith(expected[suffix]):
        raise ArchiveError("attachments", f"«{name}»: محتوای فایل با پسوند آن نمی‌خواند.")
    return Attachment(path, "document" if suffix in DOCUMENT_TYPES else "image")


def read_record(path):
    """Parse and validate the common fields of one file; type-specific fields go to ``extra``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ArchiveError("file", "فایل باید UTF-8 باشد.") from None
    data, body = split_front_matter(text)
    record_type = text_value(data, "type", required=True)
    if record_type not in RECORD_TYPES:
        raise ArchiveError("type", f"نوع «{record_type}» شناخته نیست؛ یکی از meeting، agreement یا practice.")
    record = Record(
        path=path,
        ref=text_value(data, "ref", required=True),
        type=record_type,
        title=text_value(data, "title", required=True),
        date=date_value(data, "date", required=True),
        province=find_province(text_value(data, "province", required=True)),
        municipality=text_value(data, "municipality"),
        topics=list_value(data, "topics"),
        summary=text_value(data, "summary"),
        body=body,
        source=text_value(data, "source"),
    )
    if len(record.ref) > 64:
        raise ArchiveError("ref", "شماره سند بیش از ۶۴ نویسه است.")
    if len(record.title) > 255:
        raise ArchiveError("title", "عنوان بیش از ۲۵۵ نویسه است.")
    record.attachments = [check_attachment(path.parent, name) for name in list_value(data, "attachments")]
    digest = hashlib.sha256(text.encode())
    for attachment in record.attachments:
        digest.update(attachment.path.read_bytes())
    record.digest = digest.hexdigest()
    from .handlers import handler_for

    handler = handler_for(record_type)
    record.extra = handler.validate(data)
    known = COMMON_FIELDS | KEPT_FIELDS | set(handler.fields)
    record.warnings = [f"field «{name}» is not used by the portal; ignored" for name in data if name not in known]
    return record
