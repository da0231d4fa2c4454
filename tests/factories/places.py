"""Provinces, municipalities and topics. The 31 provinces and their capitals come with the migrations:
a province is looked up by its code, and created only for a code they do not have."""

import factory
from factory.django import DjangoModelFactory

from places.models import Municipality, Province, Topic


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "QOM"
    name = factory.Sequence(lambda n: f"استان آزمایشی {n}")
    capital = factory.LazyAttribute(lambda province: province.name)


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("province", "name")

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"شهرداری آزمایشی {n}")


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"موضوع آزمایشی {n}")


def topics_named(names):
    return [name if isinstance(name, Topic) else TopicFactory(name=name) for name in names]


def municipalities_named(province, names):
    return [
        name if isinstance(name, Municipality) else MunicipalityFactory(province=province, name=name) for name in names
    ]
