from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from agreements.models import AgreementPage
from meetings.models import MeetingPage
from persian import params
from places.models import Municipality, Province, Topic
from portal.home import province_counts
from records.listing import search_scope
from records.publication import published
from records.refs import ref_key, ref_owner
from records.registry import record_types


def _records_where(**filters):
    """Published records of every type matching ``filters``, newest first, per type."""
    sections = []
    for record_type in record_types():
        records = published(record_type.model).filter(**filters).select_related("province", "municipality")
        sections.append({"model": record_type.model, "label": record_type.plural, "records": records.order_by("-date")})
    return sections


def province_detail(request, slug):
    province = get_object_or_404(Province, code__iexact=slug)
    municipalities = province.municipalities.all()
    return render(
        request,
        "portal/province_detail.html",
        {
            "province": province,
            "municipalities": municipalities,
            "sections": _records_where(province=province),
            "search_scope": search_scope(province=province),
        },
    )


def municipality_detail(request, province_slug, slug):
    municipality = get_object_or_404(Municipality, province__code__iexact=province_slug, slug=slug)
    sections = _records_where(municipality=municipality)
    attended = published(MeetingPage).filter(participant_municipalities=municipality).exclude(municipality=municipality)
    party_to = published(AgreementPage).filter(party_municipalities=municipality)
    return render(
        request,
        "portal/municipality_detail.html",
        {
            "municipality": municipality,
            "province": municipality.province,
            "sections": sections,
            "attended": attended.select_related("province").order_by("-date"),
            "party_to": party_to.select_related("province").order_by("-date"),
        },
    )


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "portal/topic_detail.html",
        {"topic": topic, "sections": _records_where(topics=topic), "search_scope": search_scope(topic=topic)},
    )


def province_list(request):
    counts = {row["province"].pk: row for row in province_counts()}
    provinces = [{"province": p, "counts": counts.get(p.pk)} for p in Province.objects.all()]
    return render(request, "portal/province_list.html", {"provinces": provinces})


def by_ref(request, ref):
    """A stable address for every record: /ref/<ref>/; a resolution is /ref/QOM-1403-11%231/."""
    meeting_ref, _, number = ref.partition("#")
    try:
        meeting_ref = params.text(meeting_ref, "ref")
        number = params.integer(number, "ref") if number else None
    except params.BadParameter:
        raise Http404("no such ref") from None
    record = ref_owner(ref_key(meeting_ref))
    if record is None or not record.live:
        raise Http404("no such ref")
    url = record.get_url(request)
    if number:
        resolution = getattr(record, "resolutions", None)
        if resolution is None or not resolution.filter(number=number).exists():
            raise Http404("no such resolution")
        url = f"{url}#resolution-{number}"
    return redirect(url)
