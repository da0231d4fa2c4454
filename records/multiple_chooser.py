"""Several records picked in a Wagtail chooser modal (searchable, paginated, with checkboxes) instead of a
select of every record of the type: a practice's related resolutions were a select of all 62,668
resolutions at 50,000 records, a query each for its label, 40 MB and 218 s per editor load.

The chosen records stay in a hidden ``<select multiple>`` holding only them, so the form field (and
its validation) is Django's own; the modal adds options and the list's buttons remove them.
"""

from django import forms
from django.urls import reverse
from wagtail.admin.staticfiles import versioned_static


class MultipleChooser(forms.SelectMultiple):
    template_name = "records/widgets/multiple_chooser.html"

    def __init__(self, chooser_url_name, label, choose_text, related=(), attrs=None):
        super().__init__(attrs)
        self.chooser_url_name, self.label, self.choose_text, self.related = (
            chooser_url_name,
            label,
            choose_text,
            related,
        )

    def optgroups(self, name, value, attrs=None):
        """Only the chosen records, read in one query (never the field's whole queryset)."""
        ids = [int(v) for v in value if str(v).isdigit()]
        queryset = getattr(self.choices, "queryset", None)
        chosen = queryset.filter(pk__in=ids).select_related(*self.related) if queryset is not None and ids else []
        options = [
            self.create_option(name, record.pk, self.label(record), True, index) for index, record in enumerate(chosen)
        ]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(chooser_url=reverse(self.chooser_url_name), choose_text=self.choose_text)
        return context

    @property
    def media(self):
        scripts = ("wagtailadmin/js/modal-workflow.js", "wagtailadmin/js/chooser-modal.js")
        return forms.Media(js=[*(versioned_static(script) for script in scripts), "records/js/multiple-chooser.js"])
