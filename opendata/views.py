"""The «داده‌های باز» page and its files, from the last complete build only."""

import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import render

from . import store
from .licence import ATTRIBUTION, LICENCE_CODE, LICENCE_URL

CONTENT_TYPES = {
    ".zip": "application/zip",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def open_data_page(request):
    build = store.current()
    context = {
        "build": build,
        "files": build.manifest["files"] if build else [],
        "licence_code": LICENCE_CODE,
        "licence_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
    }
    return render(request, "opendata/open_data.html", context)


def open_data_file(request, name):
    """A file the current build's manifest lists, as a download; anything else is a 404."""
    build = store.current()
    path = build.file(name) if build else None
    if path is None or not path.is_file():
        raise Http404("این پرونده در داده‌های باز نیست.")
    suffix = path.suffix.lower()
    content_type = CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"
    return response
