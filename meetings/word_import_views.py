"""Admin views of the Word import: upload a .docx, confirm the proposal, land on the draft's editor."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from desk.scope import provinces_for
from persian import jalali
from persian.text import to_persian_digits

from .drafts import DraftError, create_draft_meeting, default_title, match_municipality, next_free_ref
from .models import MeetingIndexPage
from .word_import_forms import DraftMeetingForm, ResolutionFormSet, WordUploadForm, resolution_initial

RESOLUTIONS_PREFIX = "resolutions"
CONFIRM_TEMPLATE = "meetings/admin/word_import_confirm.html"


def can_import(user):
    """Whoever may add a meeting under the meetings index may import one from Word."""
    index = MeetingIndexPage.objects.first()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def importable_provinces(user):
    """The provinces a user may draft meetings for: a provincial editor's own, every one for a superuser."""
    return provinces_for(user)


class WordImportMixin(WagtailAdminTemplateMixin):
    page_title = "ورود صورت‌جلسه از Word"
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        self.provinces = importable_provinces(request.user)
        return super().dispatch(request, *args, **kwargs)

    def render_confirm(self, form, formset, proposal=None, file_name=""):
        """The second step, shown after an upload and again when the confirmation has errors."""
        self.page_subtitle = "بازبینی پیشنهاد"
        context = self.get_context_data(form=form, formset=formset, proposal=proposal, file_name=file_name)
        return TemplateResponse(self.request, CONFIRM_TEMPLATE, context)

    def get_breadcrumbs_items(self):
        index = MeetingIndexPage.objects.first()
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_explore", args=[index.pk]), "label": index.title},
            {"url": "", "label": self.page_title},
        ]


class WordUploadView(WordImportMixin, View):
    template_name = "meetings/admin/word_import_upload.html"

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=WordUploadForm(provinces=self.provinces)))

    def post(self, request):
        form = WordUploadForm(request.POST, request.FILES, provinces=self.provinces)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        proposal, province = form.proposal, form.cleaned_data["province"]
        municipality = form.cleaned_data["municipality"] or match_municipality(province, proposal.place)
        date = proposal.date
        initial = {
            "title": proposal.title or default_title(province),
            "ref": next_free_ref(province, jalali.jalali_year(date or jalali.today())),
            "date": date,
            "province": province,
            "municipality": municipality,
            "body": proposal.body,
        }
        return self.render_confirm(
            DraftMeetingForm(initial=initial, provinces=self.provinces),
            ResolutionFormSet(initial=resolution_initial(proposal), prefix=RESOLUTIONS_PREFIX),
            proposal=proposal,
            file_name=form.cleaned_data["file"].name,
        )


class WordConfirmView(WordImportMixin, View):
    def get(self, request):
        return redirect("meetings_word_import")

    def post(self, request):
        form = DraftMeetingForm(request.POST, provinces=self.provinces)
        formset = ResolutionFormSet(request.POST, prefix=RESOLUTIONS_PREFIX)
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            resolutions = formset.confirmed()
            try:
                page = create_draft_meeting(
                    title=data["title"],
                    ref=data["ref"],
                    date=data["date"],
                    province=data["province"],
                    municipality=data["municipality"],
                    body=data["body"],
                    resolutions=resolutions,
                    user=request.user,
                )
            except DraftError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"پیش‌نویس نشست «{page.title}» با {to_persian_digits(len(resolutions))} مصوبه از Word ساخته شد؛ "
                    "هنوز منتشر نشده است.",
                )
                return redirect("wagtailadmin_pages:edit", page.pk)
        return self.render_confirm(form, formset)
