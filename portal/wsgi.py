"""The WSGI entry point. Without DJANGO_SETTINGS_MODULE it runs the production settings, which refuse
to start without SECRET_KEY: a server started bare never runs with DEBUG on and the published dev key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()
