"""SKOS in Turtle (or RDF/XML), through rdflib: the thesaurus as other portals exchange it.

Each concept is an ``skos:Concept`` in one ``skos:ConceptScheme``: ``skos:prefLabel`` and
``skos:altLabel`` (``skos:hiddenLabel``, e.g. misspellings from other vocabularies, is read as an
alternative label), ``skos:broader`` (``skos:narrower`` is read backwards and written for readers
that want it), ``skos:related``, ``skos:definition``, and the portal topic as ``ham:topic``.
"""

import re

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.plugins.parsers.notation3 import BadSyntax

from .entries import Entry, ThesaurusError, base_iri, check_iri, current_entries, slug_of

HAM = Namespace("https://hamandishi.example/ns#")
SCHEME_LABEL = "اصطلاح‌نامه مفاهیم شهری هم‌اندیشی"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def decode(data):
    """UTF-8 text of an uploaded file; bad bytes are refused with their line."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ThesaurusError([(line, "پرونده با UTF-8 رمزگذاری نشده است (بایت نامعتبر).")]) from None


_ANGLED = re.compile(r"<([^<>\n]*)>")
_PREFIX = re.compile(r"@prefix\s+([\w-]*):\s*<([^>]*)>", re.IGNORECASE)


def _strip_literals(line):
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)


def _check_iris(text):
    for number, line in enumerate(text.splitlines(), start=1):
        for iri in _ANGLED.findall(_strip_literals(line)):
            check_iri(iri, number)


def _subject_lines(text):
    """{IRI: the line where it is first written as a subject}, for reporting."""
    prefixes = dict(_PREFIX.findall(text))
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        head = line.strip().split(" ", 1)[0] if line.strip() and not line[0].isspace() else ""
        if head.startswith("<") and head.endswith(">"):
            lines.setdefault(head[1:-1], number)
        elif ":" in head and not head.startswith("@"):
            prefix, local = head.split(":", 1)
            if prefix in prefixes:
                lines.setdefault(prefixes[prefix] + local, number)
    return lines


def read(data, fmt="turtle"):
    """Entries of a SKOS file (bytes or text), or ThesaurusError with the line and the reason."""
    text = decode(data)
    if fmt == "turtle":
        _check_iris(text)
    graph = Graph()
    try:
        graph.parse(data=text, format=fmt, publicID=base_iri())
    except BadSyntax as error:
        raise ThesaurusError([(error.lines + 1, f"نحو Turtle نادرست است: {error._why}")]) from None
    except Exception as error:  # rdflib's RDF/XML parser raises SAX errors with their own line numbers
        line = getattr(error, "getLineNumber", lambda: 0)()
        raise ThesaurusError([(line, f"پرونده SKOS خوانده نشد: {error}")]) from None
    lines = _subject_lines(text) if fmt == "turtle" else {}
    concepts = sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=lambda iri: (lines.get(str(iri), 0), str(iri)))
    entries = {}
    for iri in concepts:
        line = lines.get(str(iri), 0)
        if not isinstance(iri, URIRef):
            raise ThesaurusError([(line, "مفهوم بی‌نام (گره خالی) پذیرفته نیست؛ هر مفهوم نشانی می‌خواهد.")])
        check_iri(str(iri), line)
        labels = [str(o) for o in graph.objects(iri, SKOS.prefLabel) if _persian_or_plain(o)]
        if len(labels) > 1:
            raise ThesaurusError([(line, f"مفهوم «{iri}» بیش از یک برچسب مرجح فارسی دارد.")])
        alternatives = [str(o) for p in (SKOS.altLabel, SKOS.hiddenLabel) for o in graph.objects(iri, p)]
        entries[iri] = Entry(
            slug=slug_of(str(iri)),
            pref_label=labels[0] if labels else "",
            line=line,
            alt_labels=sorted(dict.fromkeys(alternatives), key=alternatives.index),
            broader=sorted(slug_of(str(o)) for o in graph.objects(iri, SKOS.broader)),
            related=sorted(slug_of(str(o)) for o in graph.objects(iri, SKOS.related)),
            topic=next((str(o) for o in graph.objects(iri, HAM.topic)), ""),
            definition=next((str(o) for o in graph.objects(iri, SKOS.definition)), ""),
            iri="" if str(iri).startswith(base_iri()) else str(iri),
        )
    for parent, child in graph.subject_objects(SKOS.narrower):
        if child in entries and slug_of(str(parent)) not in entries[child].broader:
            entries[child].broader.append(slug_of(str(parent)))
    return list(entries.values())


def _persian_or_plain(literal):
    return isinstance(literal, Literal) and literal.language in (None, "fa")


def write(entries=None, fmt="turtle"):
    """The thesaurus (or ``entries``) as SKOS text."""
    entries = current_entries() if entries is None else entries
    graph = Graph()
    concept_ns = Namespace(base_iri())
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    graph.bind("ham", HAM)
    graph.bind("c", concept_ns)
    scheme = URIRef(base_iri())
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal(SCHEME_LABEL, lang="fa")))
    graph.add((scheme, DCTERMS.license, URIRef(LICENCE)))
    iris = {entry.slug: URIRef(entry.iri or base_iri() + entry.slug) for entry in entries}
    for entry in entries:
        iri = iris[entry.slug]
        graph.add((iri, RDF.type, SKOS.Concept))
        graph.add((iri, SKOS.inScheme, scheme))
        graph.add((iri, SKOS.prefLabel, Literal(entry.pref_label, lang="fa")))
        for label in entry.alt_labels:
            graph.add((iri, SKOS.altLabel, Literal(label, lang="fa")))
        for slug in entry.broader:
            parent = iris.get(slug, URIRef(base_iri() + slug))
            graph.add((iri, SKOS.broader, parent))
            graph.add((parent, SKOS.narrower, iri))
        for slug in entry.related:
            graph.add((iri, SKOS.related, iris.get(slug, URIRef(base_iri() + slug))))
        if entry.definition:
            graph.add((iri, SKOS.definition, Literal(entry.definition, lang="fa")))
        if entry.topic:
            graph.add((iri, HAM.topic, Literal(entry.topic, lang="fa")))
        if not entry.broader:
            graph.add((scheme, SKOS.hasTopConcept, iri))
    return graph.serialize(format=fmt)
