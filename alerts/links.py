"""Absolute addresses for e-mails, which have no request to build them from."""

from django.conf import settings
from django.urls import reverse

from . import tokens


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def confirm_url(saved):
    return absolute(reverse("alerts:confirm", args=[tokens.make(tokens.CONFIRM, saved.pk)]))


def unsubscribe_url(saved):
    return absolute(reverse("alerts:unsubscribe", args=[tokens.make(tokens.UNSUBSCRIBE, saved.pk)]))


def manage_url(address):
    return absolute(reverse("alerts:manage", args=[tokens.make(tokens.MANAGE, address.pk)]))


def search_url(saved):
    return absolute(reverse("search") + (f"?{saved.query}" if saved.query else ""))
