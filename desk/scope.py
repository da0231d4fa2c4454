"""Which province (and municipality) an account works for, and whether a record is theirs.

A record, for the desk, is a page filed under a province (its model has a ``province`` key): every
archive record type is one, and the desk needs no list of them.
"""

from functools import lru_cache

from django.apps import apps
from django.db.models import Q
from wagtail.models import Page

from places.models import Province

EDITOR = "کارشناس دفتر امور شهری"
DIRECTOR = "مدیرکل امور شهری"
STAFF = "کارمند شهرداری"
OFFICE_GROUPS = (EDITOR, DIRECTOR)


def _profile(user):
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_desk_profile", False)
    if cached is False:
        profiles = apps.get_model("desk", "OfficeProfile")._default_manager  # the model module imports this one
        cached = profiles.select_related("province", "municipality").filter(user=user).first()
        user._desk_profile = cached
    return cached


def province_of(user):
    profile = _profile(user)
    return profile.province if profile else None


def municipality_of(user):
    profile = _profile(user)
    return profile.municipality if profile else None


def in_groups(user, names):
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_desk_groups", None)
    if cached is None:
        cached = user._desk_groups = set(user.groups.values_list("name", flat=True))
    return bool(cached & set(names))


def same_province(user, record):
    """True when ``record`` (anything with a ``province_id``) belongs to the user's province."""
    province = province_of(user)
    record = getattr(record, "specific", record)
    return province is not None and getattr(record, "province_id", None) == province.pk


def is_office_of(user, province_id):
    """The province's office: its editors and directors (and superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    province = province_of(user)
    return province is not None and province.pk == province_id and in_groups(user, OFFICE_GROUPS)


@lru_cache(maxsize=1)
def filed_page_models():
    """The page models filed under a province: the archive's record types."""
    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and any(f.name == "province" and f.related_model is Province for f in model._meta.concrete_fields)
    )


def _any_record(lookup, value):
    condition = Q(pk__in=[])
    for model in filed_page_models():
        condition |= Q(**{f"{model._meta.model_name}__{lookup}": value})
    return condition


def record_ids_in(province):
    """Ids of every archive record page (any type) of ``province``, or of any of several provinces."""
    lookup = "province__in" if isinstance(province, (set, list, tuple)) else "province"
    return Page.objects.filter(_any_record(lookup, province))


def all_records():
    return Page.objects.filter(_any_record("isnull", False))


def records_hidden_from(user):
    """The record pages (any state) an account must not find in any admin listing, chooser or report:
    every other province's, and for an account outside the office (municipal staff) all but the
    records it owns (its proposed practices). Superusers see everything."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return all_records().none()
    visible = Q(owner=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    province = province_of(user)
    if province is not None and in_groups(user, OFFICE_GROUPS):
        visible |= Q(pk__in=record_ids_in(province).values("pk"))
    return all_records().exclude(visible)


def provinces_for(user):
    """The provinces a user works on in the admin: every one for a superuser, else their own."""
    if getattr(user, "is_superuser", False):
        return Province.objects.all()
    province = province_of(user)
    return Province.objects.filter(pk=province.pk) if province else Province.objects.none()
