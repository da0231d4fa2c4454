"""The statuses a search can filter by, their Persian labels, and the status the public sees of a
search entry — all read from the record types (``records.registry``): each type's statuses, and how
one lapses (an agreement whose term has run out is expired, whatever its stored status says)."""

from django.db.models import Case, CharField, F, Q, Value, When

from persian import jalali
from records.registry import all_statuses, record_types


def status_values():
    return list(dict.fromkeys(status.value for status in all_statuses()))


def status_label(value):
    return next((status.label for status in all_statuses() if status.value == value), value)


def lapsing():
    """(entry kind, Lapse) of every type whose status lapses with time."""
    return [(rt.status_kind, rt.lapse) for rt in record_types() if rt.lapse]


def _lapsed(today, statuses=None):
    condition = Q(pk__in=[])
    for kind, lapse in lapsing():
        if statuses is None or statuses & set(lapse.statuses):
            condition |= Q(kind=kind) & lapse.q(today)
    return condition


def effective_status():
    """The status the public sees, as an SQL expression (for the result rows)."""
    today = jalali.today()
    lapsed = [When(Q(kind=kind) & lapse.q(today), then=Value(lapse.becomes)) for kind, lapse in lapsing()]
    return Case(*lapsed, default=F("status"), output_field=CharField())


def status_filter(statuses):
    """Rows whose effective status is one of ``statuses``, as conditions indexes can serve."""
    today = jalali.today()
    condition = Q(pk__in=[])
    for status in statuses:
        wanted = Q(status=status)
        for kind, lapse in lapsing():
            if status == lapse.becomes:
                wanted |= Q(kind=kind) & lapse.q(today)
            elif status in lapse.statuses:
                wanted &= ~(Q(kind=kind) & lapse.q(today))
        condition |= wanted
    return condition


def status_kinds():
    """The entry kinds that carry a status (a meeting's resolutions, agreements)."""
    return {rt.status_kind for rt in record_types() if rt.statuses}
