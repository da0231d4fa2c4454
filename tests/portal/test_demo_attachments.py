"""The demo archive's generated minutes agree with the site: follow-up statuses carry the model's labels."""

from pypdf import PdfReader

from dev.demo.attachments import status_fa
from dev.demo.records import ARCHIVE, read_record
from meetings.models import ResolutionStatus


def test_the_generator_labels_follow_ups_as_the_model_does():
    assert {value: status_fa(value) for value in ResolutionStatus.values} == dict(ResolutionStatus.choices)


def test_the_demo_minutes_print_each_follow_up_with_its_models_label():
    checked = 0
    for path in sorted(ARCHIVE.rglob("*.md")):
        fields, _ = read_record(path)
        minutes = [name for name in fields.get("attachments") or [] if name.endswith(".pdf")]
        if fields.get("type") != "meeting" or not minutes or not fields.get("follows_up"):
            continue
        text = "\n".join(page.extract_text() for page in PdfReader(path.parent / minutes[0]).pages)
        for follow_up in fields["follows_up"]:
            assert f"{follow_up['ref']} ({ResolutionStatus(follow_up['status']).label})" in text
            checked += 1
    assert checked
