"""Records picked in Wagtail's chooser modal instead of a select of every record of a type: the modal
lists what a chooser may offer a page at a time, searched word by word, labelled as the editor shows the
record; a chosen id is looked up among the records the chooser may name, so a draft's never is."""

from django import forms
from wagtail.admin.views.generic.chooser import (
    BaseFilterForm,
    ChooseResultsView,
    ChooseView,
    ChosenMultipleView,
    ChosenView,
)
from wagtail.admin.viewsets.chooser import ChooserViewSet

from persian.text import normalize


class _Listing:
    viewset = None
    per_page = 20

    def get_object_list(self):
        return self.viewset.listing(self.request.GET)

    def apply_object_list_ordering(self, objects):
        return objects  # each listing orders itself

    @property
    def title_column(self):
        column = super().title_column
        column.label, column.accessor = self.viewset.item_label, self.viewset.label
        return column

    @property
    def columns(self):
        return [*super().columns, *self.viewset.extra_columns]


class _Chosen:
    viewset = None

    def get_object(self, pk):
        return self.viewset.chosen_from().get(pk=pk)

    def get_objects(self, pks):
        return self.viewset.chosen_from().filter(pk__in=[pk for pk in pks if str(pk).isdigit()])

    def get_display_title(self, instance):
        return self.viewset.label(instance)


class _SearchForm(BaseFilterForm):
    search = None

    def filter(self, objects):
        for word in normalize(self.cleaned_data.get("q") or "").split():
            objects = self.search(objects, word)
        return objects


class RecordChooserViewSet(ChooserViewSet):
    """Given as keyword arguments: ``listing(query)`` (the rows the modal offers for its URL parameters),
    ``chosen_from()`` (the rows a chosen id may name), ``label(record)``, ``item_label`` (the column's
    heading), ``search(rows, word)`` and ``search_label``, and optional ``extra_columns``."""

    icon = "doc-full"
    search_tab_label = "جستجو"
    extra_columns = ()
    register_widget = False  # each form sets its own widget

    def __init__(self, name, **kwargs):
        super().__init__(name, **kwargs)
        listing = type("Listing", (_Listing,), {"viewset": self})
        search_form = type(
            "SearchForm",
            (_SearchForm,),
            {"search": staticmethod(self.search), "q": forms.CharField(label=self.search_label, required=False)},
        )
        self.choose_view_class = type("ChooseView", (listing, ChooseView), {"filter_form_class": search_form})
        self.choose_results_view_class = type(
            "ChooseResultsView", (listing, ChooseResultsView), {"filter_form_class": search_form}
        )
        self.chosen_view_class = type("ChosenView", (_Chosen, ChosenView), {"viewset": self})
        self.chosen_multiple_view_class = type("ChosenMultipleView", (_Chosen, ChosenMultipleView), {"viewset": self})
