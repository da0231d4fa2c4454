"""Demo accounts, one per desk role (listed in README.md). Created once; never changed afterwards."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from desk.models import OfficeProfile
from desk.scope import DIRECTOR, EDITOR, STAFF
from places.models import Municipality, Province

# username, group, province code, municipality (for staff), first name
DEMO_ACCOUNTS = (
    ("qom-editor", EDITOR, "QOM", None, "کارشناس دفتر امور شهری قم"),
    ("qom-director", DIRECTOR, "QOM", None, "مدیرکل امور شهری قم"),
    ("salafchegan-staff", STAFF, "QOM", "سلفچگان", "کارمند شهرداری سلفچگان"),
    ("qazvin-editor", EDITOR, "QZV", None, "کارشناس دفتر امور شهری قزوین"),
)


def ensure_demo_accounts(password, out=print):
    """Accounts share the demo admin's password (``load_demo``)."""
    users = get_user_model()
    for username, group_name, province_code, municipality_name, name in DEMO_ACCOUNTS:
        if users.objects.filter(username=username).exists():
            continue
        province = Province.objects.get(code=province_code)
        municipality = None
        if municipality_name:
            municipality = Municipality.objects.get(province=province, name=municipality_name)
        user = users.objects.create_user(
            username, email=f"{username}@hamandishi.local", password=password, first_name=name
        )
        user.groups.add(Group.objects.get(name=group_name))
        OfficeProfile.objects.create(user=user, province=province, municipality=municipality)
        out(f"demo account created: {username} / {password} ({group_name})")
