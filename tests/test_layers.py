"""The house's rule, checked on the code itself: every import points down the layers (README: "Layers"),
no app imports one above it, and no function imports project code (an import hidden in a function
is how a cycle hides). Reads the source with ``ast``; nothing is imported or run."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# From the foundation up to the site; an app may import its own modules and those of the apps below it.
LAYERS = [
    "persian",  # Persian text pipeline, Jalali dates, display
    "places",  # provinces, municipalities, topics
    "desk",  # accounts: roles, province scope, review workflow
    "thesaurus",  # the office's vocabulary of concepts
    "records",  # what every record shares: page base, registry, publication, archive framework
    "meetings",  # the record types, each may build on those before it
    "agreements",
    "practices",
    "ocr",  # text read from scanned attachments
    "search",  # the index and the queries over every record type
    "records_api",  # the read-only records API /api/v1/ (Django REST framework)
    "alerts",  # saved searches and their e-mail alerts
    "opendata",  # the published archive as downloadable files, rebuilt in the background
    "portal",  # the public site, the admin's dashboard, settings, urls, operations
]
RANK = {app: n for n, app in enumerate(LAYERS)}


def project_modules():
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def imported(node, path):
    """Top-level package names an import statement names (relative imports are the app's own)."""
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module.split(".")[0]]
    return []


def imports_in(path):
    """(line, package, inside a function) of every import of ``path``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and child.name == "ready":
                inner = "ready"  # an AppConfig.ready() is where Django has apps import their own modules
            for package in imported(child, path):
                found.append((child.lineno, package, in_function))
            visit(child, inner)

    visit(tree, False)
    return found


def test_every_layer_is_a_folder_of_the_repository():
    assert all((ROOT / app / "apps.py").exists() for app in LAYERS)


def test_imports_point_down_the_layers():
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {package} ({app} is below it)"
        for app, path in project_modules()
        for line, package, _ in imports_in(path)
        if package in RANK and RANK[package] > RANK[app]
    ]
    assert upward == []


def test_no_function_imports_project_code():
    hidden = [
        f"{path.relative_to(ROOT)}:{line} imports {package} inside a function"
        for app, path in project_modules()
        for line, package, in_function in imports_in(path)
        if in_function is True and package in RANK | {"dev": 0, "tools": 0, "bench": 0}
    ]
    assert hidden == []


def test_no_relative_import_hides_inside_a_function():
    hidden = []
    for _, path in project_modules():
        tree = ast.parse(path.read_text())
        for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            if function.name == "ready":
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom) and node.level > 0:
                    hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []


@pytest.mark.parametrize("app", LAYERS)
def test_the_running_site_never_imports_developer_tooling(app):
    tooling = [
        f"{path.relative_to(ROOT)}:{line}"
        for _, path in project_modules()
        if path.parts[len(ROOT.parts)] == app
        for line, package, _ in imports_in(path)
        if package in {"dev", "tools", "bench", "tests"}
    ]
    assert tooling == []
