"""Which province (and municipality) an account works for, and whether a record is theirs."""

from django.db.models import Q

EDITOR = "کارشناس دفتر امور شهری"
DIRECTOR = "مدیرکل امور شهری"
STAFF = "کارمند شهرداری"
OFFICE_GROUPS = (EDITOR, DIRECTOR)


def _profile(user):
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_desk_profile", False)
    if cached is False:
        from .models import OfficeProfile

        cached = OfficeProfile.objects.select_related("province", "municipality").filter(user=user).first()
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


def record_ids_in(province):
    """Ids of every archive record page (any type) of ``province``, or of any of several provinces."""
    from wagtail.models import Page

    lookup = "province__in" if isinstance(province, (set, list, tuple)) else "province"
    return Page.objects.filter(
        Q(**{f"meetingpage__{lookup}": province})
        | Q(**{f"agreementpage__{lookup}": province})
        | Q(**{f"bestpracticepage__{lookup}": province})
    )


def all_records():
    from wagtail.models import Page

    return Page.objects.filter(
        Q(meetingpage__isnull=False) | Q(agreementpage__isnull=False) | Q(bestpracticepage__isnull=False)
    )


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
    from portal.models import Province

    if getattr(user, "is_superuser", False):
        return Province.objects.all()
    province = province_of(user)
    return Province.objects.filter(pk=province.pk) if province else Province.objects.none()
