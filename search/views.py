from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from persian.display import display_text
from persian.params import BadParameter

from .answers import answer
from .presentation import page_context
from .service import clean_query, parse_request
from .suggestions import suggestions

JSON_OPTIONS = {"ensure_ascii": False}


def api_search(request):
    try:
        search = parse_request(request.GET)
    except BadParameter as error:
        return JsonResponse({"error": str(error)}, status=400, json_dumps_params=JSON_OPTIONS)
    outcome = answer(search, request.user)
    response = JsonResponse(
        {
            "query": search.q,
            "count": outcome.count,
            "page": search.page,
            "results": outcome.results,
            "facets": outcome.facets,
            "page_size": search.page_size,
            "understood": outcome.analyzed.understood,
            "degraded": outcome.degraded,
            "related": outcome.related,
            "exact": search.exact,
            "expanded": outcome.expansion.labels,
            "concepts": [{"slug": slug, "label": label} for slug, label in outcome.expansion.concepts],
        },
        json_dumps_params=JSON_OPTIONS,
    )
    if outcome.degraded:  # the cluster will be back: no cache may keep the database's stand-in answer
        add_never_cache_headers(response)
    return response


def api_suggest(request):
    query = clean_query(request.GET.get("q", ""))[:200]
    found = [{**item, "label": display_text(item["label"])} for item in suggestions(query)]
    return JsonResponse({"suggestions": found}, json_dumps_params=JSON_OPTIONS)


def search_page(request):
    try:
        search = parse_request(request.GET)
    except BadParameter as error:
        return render(
            request, "search/search_page.html", {"error": str(error), "q": request.GET.get("q", "")}, status=400
        )
    outcome = answer(search, request.user)
    return render(request, "search/search_page.html", page_context(request, outcome))
