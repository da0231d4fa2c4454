"""Who may download a restricted agreement document: the party municipalities' staff and the
province's office. Every channel (page, document URL, search, feeds, export) asks here."""

from desk.scope import STAFF, in_groups, is_office_of, municipality_of

from .models import AgreementDocument

OPEN, LOGIN, LOCKED = "open", "login", "locked"
RESTRICTED_NOTE = "این سند محرمانه است: فقط کارکنان شهرداری‌های طرف تفاهم‌نامه و دفتر امور شهری استان آن را می‌بینند."


def restricted_links(document):
    return AgreementDocument.objects.filter(document=document, restricted=True).select_related("page")


def is_restricted(document):
    """Restricted wherever it is attached: marking it on one agreement closes it on every record."""
    return AgreementDocument.objects.filter(document=document, restricted=True).exists()


def may_see_agreement_restricted(user, agreement):
    """Staff of a party municipality, or the office of the agreement's province."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_office_of(user, agreement.province_id):
        return True
    municipality = municipality_of(user)
    return (
        municipality is not None
        and in_groups(user, (STAFF,))
        and agreement.party_municipalities.filter(pk=municipality.pk).exists()
    )


def access_to(user, item):
    """``OPEN``, ``LOGIN`` (anonymous, must sign in) or ``LOCKED`` for an attachment row or a document."""
    links = list(restricted_links(getattr(item, "document", item)))
    if not links or any(may_see_agreement_restricted(user, link.page) for link in links):
        return OPEN
    return LOGIN if not getattr(user, "is_authenticated", False) else LOCKED
