"""Reading one archive file: front matter split, YAML, and validation into a plain record."""

from dataclasses import dataclass, field
import hashlib
from pathlib import Path
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
import yaml

from persian import jalali
from persian.text import normalize, to_latin_digits
from places.models import Topic
from records.registry import type_names

from .attachments import check_attachment
from .errors import ArchiveError, check_length
from .handlers import handler_for
from .taxonomy import check_municipality_names, provinces

COMMON_FIELDS = {"ref", "type", "title", "date", "province", "municipality", "topics", "summary", "attachments"}
KEPT_FIELDS = {"source"}
# Largest value of an integer column on every supported database.
MAX_NUMBER = 2_147_483_647
# Control characters (but tab and line breaks) and lone UTF-16 surrogates: PostgreSQL refuses NUL,
# and a surrogate cannot be encoded for any database.
_FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


class _ArchiveLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: ``1404-02-31`` is a valid Jalali date but not a Gregorian one."""


class _FastArchiveLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser, where PyYAML has it (the pure-Python one took a tenth of a bulk
    import's time); what it refuses is read again by ``_ArchiveLoader``, whose errors the reports quote."""


_FastArchiveLoader.yaml_implicit_resolvers = _ArchiveLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(text):
    try:
        return yaml.load(text, Loader=_FastArchiveLoader)  # noqa: S506 - a SafeLoader subclass
    except Exception:  # noqa: BLE001 - refused: the pure-Python parser says why, in its words
        return yaml.load(text, Loader=_ArchiveLoader)  # noqa: S506 - a SafeLoader subclass


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)


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
        data = _load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (سطر {mark.line + 2})" if mark else ""
        raise ArchiveError("front matter", f"YAML نامعتبر است{where}: {getattr(error, 'problem', error)}") from None
    except (ValueError, RecursionError) as error:  # an integer of thousands of digits, nesting too deep
        raise ArchiveError("front matter", f"YAML خوانده نمی‌شود: {str(error)[:200]}") from None
    if not isinstance(data, dict):
        raise ArchiveError("front matter", "بلوک YAML باید مجموعه‌ای از فیلدها باشد.")
    return data, match.group(2).strip("\n")


def clean_text(text, name):
    """``text`` unless it holds characters no database column may store."""
    if _FORBIDDEN_CHARACTERS.search(text):
        raise ArchiveError(name, "نویسه نامعتبر دارد (نویسه کنترلی یا نیم‌جفت UTF-16).")
    return text


def _scalar_text(value, name):
    if isinstance(value, (dict, list, set, tuple)):
        raise ArchiveError(name, "باید یک متن ساده باشد.")
    return clean_text(str(value).strip(), name)


def text_value(data, name, required=False):
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ArchiveError(name, "این فیلد الزامی است.")
        return ""
    return _scalar_text(value, name)


def list_value(data, name):
    value = data.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(isinstance(item, (dict, list)) or item is None for item in value):
        raise ArchiveError(name, "باید فهرستی از متن‌ها باشد.")
    items = [_scalar_text(item, name) for item in value]
    return [item for item in items if item]


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
    if isinstance(value, (dict, list)):
        raise ArchiveError(name, "باید یک عدد باشد.")
    text = to_latin_digits(str(value)).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10 or not 1 <= int(text) <= MAX_NUMBER:
        raise ArchiveError(name, f"«{str(value)[:40]}» عدد مثبت معتبری نیست.")
    return int(text)


def resolution_ref(value, name):
    """Split ``QOM-1403-11#2`` into (``QOM-1403-11``, 2)."""
    if isinstance(value, (dict, list)):
        raise ArchiveError(name, "باید یک متن ساده باشد.")
    text = clean_text(str(value or "").strip(), name)
    meeting_ref, sep, number = text.rpartition("#")
    if not sep or not meeting_ref.strip():
        raise ArchiveError(name, f"«{text}» باید به شکل شماره‌نشست#شماره‌مصوبه باشد (مانند QOM-1403-11#1).")
    return meeting_ref.strip(), int_value(number, name)


def find_province(name):
    key = normalize(name)
    for province in provinces():
        if normalize(province.name) == key or province.code.upper() == key.upper():
            return province
    raise ArchiveError("province", f"استان «{name}» شناخته نیست.")


def source_value(data, model):
    source = check_length(text_value(data, "source"), "source", model, "source")
    if source:
        try:
            URLValidator(schemes=["http", "https"])(source)
        except ValidationError:
            raise ArchiveError("source", "نشانی اینترنتی معتبری (http یا https) نیست.") from None
    return source


def read_record(path):
    """Parse and validate the common fields of one file; type-specific fields go to ``extra``."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveError("file", "فایل عادی نیست.")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ArchiveError("file", "فایل باید UTF-8 باشد.") from None
    data, body = split_front_matter(text)
    record_type = text_value(data, "type", required=True)
    names = type_names()
    if record_type not in names:
        choices = f"{'، '.join(names[:-1])} یا {names[-1]}"
        raise ArchiveError("type", f"نوع «{record_type}» شناخته نیست؛ یکی از {choices}.")
    handler = handler_for(record_type)
    model = handler.model
    record = Record(
        path=path,
        ref=check_length(text_value(data, "ref", required=True), "ref", model, "ref"),
        type=record_type,
        title=check_length(text_value(data, "title", required=True), "title", model, "title"),
        date=date_value(data, "date", required=True),
        province=find_province(text_value(data, "province", required=True)),
        municipality=text_value(data, "municipality"),
        topics=[check_length(topic, "topics", Topic, "name") for topic in list_value(data, "topics")],
        summary=text_value(data, "summary"),
        body=clean_text(body, "body"),
        source=source_value(data, model),
    )
    check_municipality_names([record.municipality] if record.municipality else [], "municipality", always=True)
    digest = hashlib.sha256(text.encode())
    record.attachments = [check_attachment(path.parent, name, digest) for name in list_value(data, "attachments")]
    record.digest = digest.hexdigest()
    record.extra = handler.validate(data)
    known = COMMON_FIELDS | KEPT_FIELDS | set(handler.fields)
    record.warnings = [f"field «{name}» is not used by the portal; ignored" for name in data if name not in known]
    return record
