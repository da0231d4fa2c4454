"""Wagtail's images (renditions and originals) are public: served from MEDIA_ROOT when no web server does.

Documents are never served here: they go through /documents/, which checks restricted agreements.
A reverse proxy should serve /media/images/ itself (deploy/nginx.conf); this view is the fallback
that keeps images working behind one that does not.
"""

from pathlib import Path

from django.conf import settings
from django.views.static import serve

PUBLIC_FOLDERS = ("images", "original_images")


def public_image(request, folder, path):
    response = serve(request, path, document_root=Path(settings.MEDIA_ROOT) / folder)
    response["Cache-Control"] = "public, max-age=86400"
    return response
