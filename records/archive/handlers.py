"""Each record type's handler validates and applies its own fields of the exchange format."""

from records.refs import ref_key
from records.registry import record_type
from records.site_tree import ensure_site_structure

from .publishing import last_child_path, next_child_path


def handler_for(name):
    return record_type(name).handler()


class Batch:
    """Refs of the records being imported together, so a file may point at one earlier in the batch."""

    def __init__(self, records=()):
        self.resolution_refs = set()
        self.record_refs = set()
        self._sections = None
        self._last_paths = {}  # section page id: path of its last child, as committed
        self._slugs = {}  # section page id: slugs of its children, as committed and being written
        self._to_index = []  # rows the file being written leaves for the reference index
        self.references = {}  # model: ids of committed rows whose references are not indexed yet
        for record in records:
            self.add(record)

    def section(self, name):
        """The section page records of type ``name`` go under, looked up once per batch."""
        if self._sections is None:
            self._sections = ensure_site_structure()
        return self._sections[record_type(name).section]

    def index_later(self, row):
        """Leave ``row``'s reference index to the next flush (once its file is committed)."""
        self._to_index.append((type(row), row.pk))

    def take_references(self):
        taken, self.references = self.references, {}
        return taken

    def file_written(self, ok):
        rows, self._to_index = self._to_index, []
        if ok:
            for model, pk in rows:
                self.references.setdefault(model, set()).add(pk)
        else:  # what the file changed of the tree (a section, its child count) was rolled back
            self._sections = None
            self._last_paths = {}
            self._slugs = {}

    def child_path(self, parent):
        """The tree path of a new page under ``parent``; the database is asked once per batch."""
        if parent.pk not in self._last_paths:
            self._last_paths[parent.pk] = last_child_path(parent)
        path = next_child_path(parent, self._last_paths[parent.pk])
        self._last_paths[parent.pk] = path
        return path

    def slugs(self, parent):
        """The slugs taken under ``parent`` (a set the writer adds to); the database is asked once per batch."""
        if parent.pk not in self._slugs:
            self._slugs[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        return self._slugs[parent.pk]

    def add(self, record):
        self.record_refs.add(ref_key(record.ref))
        for item in record.extra.get("resolutions", ()):
            self.resolution_refs.add((ref_key(record.ref), item["number"]))
