from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.home import home_sections


class HomePage(Page):
    intro = models.TextField("معرفی", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["meetings.MeetingIndexPage", "agreements.AgreementIndexPage", "practices.PracticeIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "صفحه اصلی"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections())
        return context
