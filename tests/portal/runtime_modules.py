"""Run in a process of its own (``python tests/portal/runtime_modules.py``) under the production settings:
loads the site as production does and then every module of the project's installed apps, resolves the
whole URLconf, and prints, as JSON, which developer-tooling modules ended up loaded and which developer
commands manage.py offers. Nothing else may be imported into the process first, hence a script."""

import importlib
import json
from pathlib import Path
import pkgutil
import sys

ROOT = Path(__file__).resolve().parents[2]
# The developer package and the places tooling lived in before it moved there.
TOOLING = ("dev", "tools", "bench", "search.devnode", "search.benchmarks", "portal.demo", "desk.demo")
DEV_COMMANDS = ("load_demo", "make_demo_attachments", "bench_search")
# Settings modules other than the one in use are not the running site (and test.py makes a media dir).
NOT_RUNTIME = ("portal.settings",)


def project_apps():
    from django.apps import apps

    # the project's own packages: folders of the repository (not the virtualenv's, wherever that lives)
    return [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve() == ROOT.resolve().joinpath(*config.name.split("."))
    ]


def import_every_module(config):
    for module in pkgutil.walk_packages([config.path], prefix=f"{config.name}."):
        if not module.name.startswith(NOT_RUNTIME):
            importlib.import_module(module.name)


def resolve_every_pattern(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):  # an include(): its URLconf module is loaded here
            resolve_every_pattern(pattern.url_patterns)
        else:
            pattern.callback  # noqa: B018 - resolving the view imports its module


def report():
    from django.conf import settings
    from django.core.management import get_commands
    from django.urls import get_resolver
    from wagtail import hooks

    import portal.wsgi  # noqa: F401 - the application gunicorn serves

    hooks.search_for_hooks()
    resolve_every_pattern(get_resolver().url_patterns)
    apps = project_apps()
    for config in apps:
        import_every_module(config)
    loaded = sorted(name for name in sys.modules if any(name == t or name.startswith(f"{t}.") for t in TOOLING))
    return {
        "apps": [config.name for config in apps],
        "installed": [app for app in settings.INSTALLED_APPS if app.split(".")[0] == "dev"],
        "commands": sorted(set(get_commands()) & set(DEV_COMMANDS)),
        "tooling_modules": loaded,
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    print(json.dumps(report()))
