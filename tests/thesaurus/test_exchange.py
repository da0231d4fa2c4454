"""The thesaurus in and out: SKOS and CSV round trips of the seed, and bad files refused whole."""

from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest

from thesaurus import csv_io, exchange, skos
from thesaurus.models import Concept

pytestmark = pytest.mark.django_db

PREFIXES = (
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix c: <https://hamandishi.example/thesaurus/> .\n"
)


def snapshot():
    return [
        (e.slug, e.pref_label, sorted(e.alt_labels), e.broader, e.related, e.topic) for e in exchange.current_entries()
    ]


@pytest.fixture
def seed():
    created, updated = exchange.load_seed()
    assert created >= 200 and updated == 0
    return snapshot()


def test_seed_covers_the_fields_a_municipality_deals_with(seed):
    labels = {label for concept in Concept.objects.all() for label in concept.labels}
    for label in ("لندفیل", "تفکیک از مبدأ", "کمپوست", "شیرابه", "نخاله ساختمانی", "فاضلاب", "فضای سبز", "اتوبوسرانی"):
        assert label in labels
    for label in ("بافت فرسوده", "عوارض", "بدهی شهرداری", "بودجه‌ریزی مشارکتی", "هیأت امنای محلات", "سمن"):
        assert label in labels
    for label in ("سامانه ۱۳۷", "خواهرخواندگی", "مدیریت بحران", "صنایع دستی", "انتخاب شهردار", "استانداری"):
        assert label in labels
    landfill = Concept.objects.get(slug="landfill")
    assert set(landfill.narrower.values_list("slug", flat=True)) >= {"leachate", "landfill-siting"}
    assert "waste-management" in landfill.broader.values_list("slug", flat=True)


@pytest.mark.parametrize("fmt", ["turtle", "xml", "csv"])
def test_export_then_import_gives_back_the_same_thesaurus(seed, fmt):
    text = exchange.export_text(fmt)
    Concept.objects.all().delete()
    created, _ = exchange.import_file(text.encode(), fmt)
    assert created == len(seed)
    assert snapshot() == seed


def test_turtle_export_is_skos(seed):
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    graph = Graph().parse(data=skos.write(), format="turtle")
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == len(seed)
    landfill = next(s for s in graph.subjects(SKOS.prefLabel, None) if str(s).endswith("/landfill"))
    assert any(str(o) == "لندفیل" and o.language == "fa" for o in graph.objects(landfill, SKOS.altLabel))


def test_the_commands_round_trip(seed, tmp_path):
    out = tmp_path / "thesaurus.csv"
    call_command("export_thesaurus", "--format", "csv", "--output", str(out))
    Concept.objects.all().delete()
    call_command("import_thesaurus", str(out))
    assert snapshot() == seed


BAD_FILES = {
    "cycle": (
        PREFIXES + 'c:a a skos:Concept ; skos:prefLabel "الف"@fa ; skos:broader c:b .\n'
        'c:b a skos:Concept ; skos:prefLabel "ب"@fa ; skos:broader c:c .\n'
        'c:c a skos:Concept ; skos:prefLabel "پ"@fa ; skos:broader c:a .\n',
        3,
        "دور در رابطه عام‌تر",
    ),
    "duplicate label": (
        PREFIXES + 'c:a a skos:Concept ; skos:prefLabel "پسماند"@fa .\n\n'
        'c:b a skos:Concept ; skos:prefLabel "زباله"@fa ;\n    skos:altLabel "پسمـاند"@fa .\n',
        5,
        "برچسب «پسمـاند» پیش‌تر برای مفهوم «a»",
    ),
    "broken IRI": (
        PREFIXES + 'c:a a skos:Concept ; skos:prefLabel "الف"@fa ;\n    skos:broader <https://x.example/a b> .\n',
        4,
        "معتبر نیست",
    ),
    "syntax": (PREFIXES + 'c:a a skos:Concept ; skos:prefLabel "الف"@fa\nc:b a skos:Concept .\n', 4, "نحو Turtle"),
    "unknown broader": (PREFIXES + 'c:a a skos:Concept ; skos:prefLabel "الف"@fa ; skos:broader c:zz .\n', 3, "«zz»"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_skos_file_is_refused_with_its_line_and_changes_nothing(seed, name):
    text, line, reason = BAD_FILES[name]
    with pytest.raises(exchange.ThesaurusError) as refused:
        exchange.import_file(text.encode(), "turtle")
    assert f"سطر {line}:" in str(refused.value) and reason in str(refused.value)
    assert snapshot() == seed


def test_bad_encoding_is_refused_with_its_line(seed):
    data = (PREFIXES + 'c:a a skos:Concept ; skos:prefLabel "').encode() + "الف".encode("cp1256") + b'"@fa .\n'
    with pytest.raises(exchange.ThesaurusError, match="سطر 3: .*UTF-8"):
        exchange.import_file(data, "turtle")
    assert snapshot() == seed


def test_the_command_refuses_a_bad_file_and_says_nothing_changed(seed, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_bytes(BAD_FILES["cycle"][0].encode())
    with pytest.raises(CommandError, match="refused, nothing changed\nسطر 3: دور"):
        call_command("import_thesaurus", str(bad))
    assert snapshot() == seed


def test_a_cycle_through_a_stored_concept_is_refused(seed):
    # «landfill» is narrower than «waste-management» in the seed; making the latter narrower again loops
    csv_text = "slug,pref_label,broader\nwaste-management,مدیریت پسماند,landfill\n"
    with pytest.raises(exchange.ThesaurusError, match="سطر 2: دور"):
        exchange.import_file(csv_text.encode(), "csv")
    assert snapshot() == seed


def test_csv_rows_report_their_own_line():
    csv_text = "slug,pref_label,alt_labels\nwaste,پسماند,زباله\nBad Slug,زباله‌دان,\n"
    with pytest.raises(exchange.ThesaurusError, match="سطر 3: شناسه «Bad Slug»"):
        exchange.import_file(csv_text.encode(), "csv")
    assert not Concept.objects.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_are_imported_or_refused_never_half_written(data):
    for fmt in ("turtle", "csv"):
        before = Concept.objects.count()
        try:
            exchange.import_file(data, fmt)
        except exchange.ThesaurusError as error:
            assert str(error)
            assert Concept.objects.count() == before


def test_csv_keeps_labels_with_commas_and_quotes_whole():
    entry = exchange.Entry(slug="a", pref_label="آب، برق و گاز", alt_labels=["برق, گاز", 'شبکه "آب"'])
    read = csv_io.read(csv_io.write([entry]).encode())[0]
    assert (read.pref_label, read.alt_labels) == ("آب، برق و گاز", ["برق, گاز", 'شبکه "آب"'])
