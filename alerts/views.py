"""«مرا باخبر کن» and what follows it: saving a search, confirming it, unsubscribing, «اشتراک‌های من»."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from persian.params import BadParameter

from . import throttle, tokens
from .forms import ChangeForm, FollowForm, first_error
from .models import Address, SavedSearch
from .queries import describe, kept_query
from .subscriptions import change, confirm, subscribe


def _problem(request, message, status=400):
    return render(request, "alerts/message.html", {"title": "درخواست انجام نشد", "message": message}, status=status)


def _done(request, title, message, **extra):
    return render(request, "alerts/message.html", {"title": title, "message": message, "done": True, **extra})


@require_POST
def follow(request):
    anonymous = not request.user.is_authenticated
    form = FollowForm(request.POST, anonymous=anonymous)
    if not form.is_valid():
        return _problem(request, first_error(form))
    try:
        query = kept_query(form.cleaned_data["query"])
    except BadParameter as error:
        return _problem(request, f"این جست‌وجو را نمی‌توان ذخیره کرد: {error}")
    email = form.cleaned_data["email"] if anonymous else request.user.email
    if not email:
        return _problem(request, "حساب شما نشانی ایمیلی ندارد؛ نخست در پیشخوان نشانی ایمیل خود را ثبت کنید.")
    if not throttle.allowed(request, email.strip().lower()):
        return _problem(request, throttle.MESSAGE, status=429)
    data = form.cleaned_data
    with transaction.atomic():
        saved = subscribe(
            email,
            data["name"],
            query,
            data["frequency"],
            user=None if anonymous else request.user,
            confirmed=not anonymous,
        )
    if anonymous:
        return _done(
            request,
            "ایمیل خود را ببینید",
            f"پیوند تأیید به {saved.address.email} فرستاده شد. تا آن را باز نکنید هیچ هشداری فرستاده نمی‌شود.",
        )
    return redirect(reverse("alerts:mine") + "?saved=1")


def _from_token(request, purpose, token, model):
    try:
        pk = tokens.read(purpose, token)
    except tokens.BadToken as error:
        return None, _problem(request, str(error))
    found = model.objects.filter(pk=pk).first()
    if found is None:
        return None, _problem(request, "این اشتراک دیگر وجود ندارد؛ شاید پیش‌تر لغو شده باشد.", status=404)
    return found, None


def confirm_view(request, token):
    saved, problem = _from_token(request, tokens.CONFIRM, token, SavedSearch)
    if problem:
        return problem
    confirm(saved)
    return _done(
        request,
        "اشتراک تأیید شد",
        f"از این پس اسناد تازه‌ای که با «{saved.name}» جور باشند به {saved.address.email} فرستاده می‌شوند.",
        manage=_manage_link(saved.address),
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    saved, problem = _from_token(request, tokens.UNSUBSCRIBE, token, SavedSearch)
    if problem:
        return problem
    if request.method == "GET":
        return render(request, "alerts/unsubscribe.html", {"saved": saved, "looks_for": describe(saved)})
    name, address = saved.name, saved.address
    saved.delete()
    return _done(request, "اشتراک لغو شد", f"دیگر هشداری برای «{name}» فرستاده نمی‌شود.", manage=_manage_link(address))


def _manage_link(address):
    return reverse("alerts:manage", args=[tokens.make(tokens.MANAGE, address.pk)])


@require_http_methods(["GET", "POST"])
def mine(request):
    if not request.user.is_authenticated:
        return render(request, "alerts/mine.html", {"anonymous": True})
    return _manage(request, SavedSearch.objects.filter(user=request.user), reverse("alerts:mine"))


@require_http_methods(["GET", "POST"])
def manage(request, token):
    address, problem = _from_token(request, tokens.MANAGE, token, Address)
    if problem:
        return problem
    return _manage(request, address.searches.all(), request.path, address=address)


def _manage(request, searches, here, address=None):
    searches = searches.select_related("address")
    if request.method == "POST":
        form = ChangeForm(request.POST)
        if not form.is_valid():
            return _problem(request, first_error(form))
        saved = searches.filter(pk=form.cleaned_data["search"]).first()
        if saved is None:
            return _problem(request, "این اشتراک از آنِ شما نیست یا دیگر وجود ندارد.", status=404)
        data = form.cleaned_data
        change(saved, data["action"], data["name"], data["frequency"])
        return redirect(here)
    rows = [(saved, describe(saved)) for saved in searches]
    return render(
        request,
        "alerts/mine.html",
        {"rows": rows, "address": address, "saved_now": request.GET.get("saved") == "1"},
    )
