from django.shortcuts import get_object_or_404, render

from thesaurus.models import Concept

from .concepts import records_under
from .models import EntryKind


def concept_detail(request, slug):
    concept = get_object_or_404(Concept.objects.select_related("topic"), slug=slug)
    records = records_under(concept)
    kinds = dict(EntryKind.choices)
    for record in records:
        record.kind_label = kinds.get(record.kind, record.kind)
    context = {
        "concept": concept,
        "broader": concept.broader.all(),
        "narrower": concept.narrower.all(),
        "related": concept.related_concepts(),
        "records": records,
    }
    return render(request, "thesaurus/concept_page.html", context)


def concept_list(request):
    concepts = Concept.objects.filter(broader__isnull=True).prefetch_related("narrower")
    return render(request, "thesaurus/concept_list.html", {"concepts": concepts})
