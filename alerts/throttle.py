"""At most a few subscription requests an hour from one address or one IP."""

import datetime

from django.utils import timezone

from desk.login_throttle import client_ip

from .models import SubscribeAttempt

PER_HOUR = 5
WINDOW = datetime.timedelta(hours=1)
MESSAGE = (
    "درخواست‌های اشتراک از این نشانی یا این رایانه در یک ساعت گذشته بیش از اندازه بوده است؛ "
    "لطفاً یک ساعت دیگر دوباره بکوشید."
)


def allowed(request, email):
    """Count this request; False when the address or the IP has already made ``PER_HOUR`` in the hour."""
    since = timezone.now() - WINDOW
    ip = client_ip(request)
    recent = SubscribeAttempt.objects.filter(at__gte=since)
    if recent.filter(email=email).count() >= PER_HOUR or (ip and recent.filter(ip=ip).count() >= PER_HOUR):
        return False
    SubscribeAttempt.objects.filter(at__lt=since - WINDOW).delete()
    SubscribeAttempt.objects.create(email=email, ip=ip or None)
    return True
