"""Admin → «اشتراک شهرداری‌ها»: a province office subscribes its municipalities (an e-mail address each)
to its province's records, or to one topic's within the province. The office vouches for the address:
these subscriptions need no confirmation link, and every e-mail still carries the unsubscribe link."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from desk.scope import OFFICE_GROUPS, in_groups, provinces_for
from places.models import Municipality, Topic

from .forms import EMAIL_ERRORS, FREQUENCY_ERRORS, first_error
from .models import Frequency, SavedSearch
from .queries import describe
from .subscriptions import subscribe

TITLE = "اشتراک شهرداری‌ها"


def is_office(user):
    return user.is_active and (user.is_superuser or in_groups(user, OFFICE_GROUPS))


class MunicipalForm(forms.Form):
    municipality = forms.ModelChoiceField(
        Municipality.objects.none(),
        label="شهرداری",
        error_messages={"invalid_choice": "این شهرداری از استان شما نیست."},
    )
    email = forms.EmailField(label="نشانی ایمیل شهرداری", error_messages=EMAIL_ERRORS)
    topic = forms.ModelChoiceField(
        Topic.objects.all(),
        required=False,
        label="موضوع (خالی: همه اسناد استان)",
        error_messages={"invalid_choice": "این موضوع شناخته نیست."},
    )
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.DAILY, error_messages=FREQUENCY_ERRORS)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(province__in=provinces).select_related(
            "province"
        )


def _query(municipality, topic):
    query = QueryDict(mutable=True)
    query["province"] = municipality.province.name
    if topic is not None:
        query["topic"] = topic.name
    return query.urlencode()


class MunicipalSubscriptionsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "alerts/admin/municipal.html"
    page_title = TITLE
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not is_office(request.user):
            raise PermissionDenied
        self.provinces = provinces_for(request.user)
        return super().dispatch(request, *args, **kwargs)

    def subscriptions(self):
        return SavedSearch.objects.filter(municipality__province__in=self.provinces).select_related(
            "municipality", "address"
        )

    def get_context_data(self, form=None, **kwargs):
        rows = [(saved, describe(saved)) for saved in self.subscriptions()]
        form = form or MunicipalForm(provinces=self.provinces)
        return super().get_context_data(form=form, rows=rows, **kwargs)

    def post(self, request):
        if "delete" in request.POST:
            deleted, _ = self.subscriptions().filter(pk=request.POST.get("delete", "").strip() or 0).delete()
            if deleted:
                messages.success(request, "اشتراک حذف شد.")
            else:
                messages.error(request, "این اشتراک یافت نشد.")
            return redirect("alerts_municipal")
        form = MunicipalForm(request.POST, provinces=self.provinces)
        if not form.is_valid():
            messages.error(request, first_error(form))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        municipality, topic = data["municipality"], data["topic"]
        name = f"{municipality.name}: {topic.name if topic else 'اسناد استان ' + municipality.province.name}"
        subscribe(
            data["email"],
            name,
            _query(municipality, topic),
            data["frequency"],
            municipality=municipality,
            confirmed=True,
        )
        messages.success(request, f"«{name}» به {data['email']} فرستاده خواهد شد.")
        return redirect("alerts_municipal")
