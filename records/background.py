"""The task backend for slow work: enqueued by the site, run by `manage.py db_worker --backend background`."""

BACKGROUND = "background"
