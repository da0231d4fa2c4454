"""Signed links: confirming a saved search, unsubscribing from it, managing an address's searches."""

from django.core import signing

CONFIRM_MAX_AGE = 3 * 24 * 3600
UNSUBSCRIBE_MAX_AGE = 400 * 24 * 3600  # a link in an old e-mail still works for a year and more
MANAGE_MAX_AGE = 400 * 24 * 3600

CONFIRM, UNSUBSCRIBE, MANAGE = "alerts.confirm", "alerts.unsubscribe", "alerts.manage"
MAX_AGES = {CONFIRM: CONFIRM_MAX_AGE, UNSUBSCRIBE: UNSUBSCRIBE_MAX_AGE, MANAGE: MANAGE_MAX_AGE}


class BadToken(Exception):
    """A forged, damaged or expired link; the message is Persian."""


def make(purpose, pk):
    return signing.dumps(pk, salt=purpose, compress=False)


def read(purpose, token):
    """The id a link was made for; raises ``BadToken``."""
    try:
        return int(signing.loads(token, salt=purpose, max_age=MAX_AGES[purpose]))
    except signing.SignatureExpired as error:
        raise BadToken("این پیوند منقضی شده است؛ لطفاً دوباره درخواست دهید.") from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise BadToken("این پیوند معتبر نیست؛ شاید ناقص رونوشت شده باشد.") from error
