"""The admin's import and export of the thesaurus (SKOS Turtle, RDF/XML, CSV)."""

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.auth import permission_denied

from . import exchange

FORMATS = {"turtle": ("text/turtle", "ttl"), "xml": ("application/rdf+xml", "rdf"), "csv": ("text/csv", "csv")}
MAX_BYTES = 5 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label="پرونده اصطلاح‌نامه")
    format = forms.ChoiceField(
        label="قالب", choices=[("turtle", "SKOS (Turtle)"), ("xml", "SKOS (RDF/XML)"), ("csv", "CSV")]
    )


def exchange_view(request):
    if not request.user.has_perm("thesaurus.change_concept"):
        return permission_denied(request)
    fmt = request.GET.get("export")
    if fmt in FORMATS:
        content_type, extension = FORMATS[fmt]
        response = HttpResponse(exchange.export_text(fmt), content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="hamandishi-thesaurus.{extension}"'
        return response
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            problems = ["پرونده بزرگ‌تر از ۵ مگابایت است."]
        else:
            try:
                created, updated = exchange.import_file(upload.read(), form.cleaned_data["format"])
            except exchange.ThesaurusError as error:
                problems = str(error).splitlines()
            else:
                messages.success(request, f"اصطلاح‌نامه وارد شد: {created} مفهوم تازه، {updated} مفهوم به‌روز شد.")
                return redirect("thesaurus_exchange")
    return TemplateResponse(
        request, "thesaurus/admin_exchange.html", {"form": form, "problems": problems, "formats": FORMATS}
    )
