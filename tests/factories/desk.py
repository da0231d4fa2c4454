"""Accounts: plain users, and desk users in one of the desk's roles (groups made by the migrations)
tied to a province and, for municipal staff, a municipality."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
import factory
from factory.django import DjangoModelFactory, Password

from desk.models import OfficeProfile
from desk.scope import EDITOR

from .places import MunicipalityFactory, ProvinceFactory


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = Password("pass")


class OfficeProfileFactory(DjangoModelFactory):
    class Meta:
        model = OfficeProfile

    class Params:
        province_code = "QOM"
        town = None

    user = factory.SubFactory(UserFactory)
    province = factory.SubFactory(ProvinceFactory, code=factory.SelfAttribute("..province_code"))
    municipality = factory.Maybe(
        "town",
        yes_declaration=factory.SubFactory(
            MunicipalityFactory, province=factory.SelfAttribute("..province"), name=factory.SelfAttribute("..town")
        ),
        no_declaration=None,
    )


class DeskUserFactory(UserFactory):
    """``role``: a desk group name (``desk.scope``), the editor's by default; ``province_code`` and,
    for municipal staff, ``town``: where the account works."""

    class Params:
        province_code = "QOM"
        town = None

    office_profile = factory.RelatedFactory(
        OfficeProfileFactory,
        factory_related_name="user",
        province_code=factory.SelfAttribute("..province_code"),
        town=factory.SelfAttribute("..town"),
    )

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=extracted or EDITOR))
