"""The record editor's topic suggestions, from the thesaurus (``thesaurus.suggest``)."""

from wagtail.admin.panels import Panel

from .suggest import suggested_topics


class TopicSuggestionsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "thesaurus/topic_suggestions_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            record = self.instance
            text = " ".join(str(getattr(record, name, "") or "") for name in ("title", "summary", "body"))
            chosen = set(record.topics.all()) if record.pk else set()
            context["suggestions"] = [(t, why) for t, why in suggested_topics(text) if t not in chosen]
            return context
