from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from persian import params
from places.models import Municipality, Province, Topic
from portal.home import province_counts
from records.listing import latest_sections, search_scope
from records.refs import ref_key, ref_owner


def province_detail(request, slug):
    province = get_object_or_404(Province, code__iexact=slug)
    municipalities = province.municipalities.all()
    return render(
        request,
        "portal/province_detail.html",
        {
            "province": province,
            "municipalities": municipalities,
            "sections": latest_sections({"province": province}, request),
            "search_scope": search_scope(province=province),
        },
    )


def municipality_detail(request, province_slug, slug):
    municipality = get_object_or_404(Municipality, province__code__iexact=province_slug, slug=slug)
    filters = {"province": municipality.province, "municipality": municipality}
    involved = {"involved": municipality}
    return render(
        request,
        "portal/municipality_detail.html",
        {
            "municipality": municipality,
            "province": municipality.province,
            "sections": latest_sections(filters, request),
            "involved_sections": latest_sections(involved, request, involved=True),
        },
    )


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "portal/topic_detail.html",
        {
            "topic": topic,
            "sections": latest_sections({"topic": topic}, request),
            "search_scope": search_scope(topic=topic),
        },
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
