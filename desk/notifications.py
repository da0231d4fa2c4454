"""E-mail on submission goes to the directors of the record's own province, not to every director.

Wagtail's approval and rejection e-mails to the editor who submitted are kept as they are.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import TaskState
from wagtail.signals import task_submitted

from .models import ProvincialApprovalTask

WAGTAIL_UID = "group_approval_task_submitted_email_notification"


class ProvincialSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    def get_recipient_users(self, task_state, **kwargs):
        task = task_state.task.specific
        if not isinstance(task, ProvincialApprovalTask):
            return super().get_recipient_users(task_state, **kwargs)
        record = task_state.workflow_state.content_object.specific
        users = get_user_model().objects.filter(is_active=True)
        recipients = users.filter(groups__in=task.groups.all(), office_profile__province_id=record.province_id)
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients = recipients | users.filter(is_superuser=True)
        user = kwargs.get("user")
        if user is not None:
            recipients = recipients.exclude(pk=user.pk)
        return set(recipients.distinct())


provincial_submission_notifier = ProvincialSubmissionNotifier()


def connect():
    """Replace Wagtail's submission notifier; desk comes after wagtail.admin in INSTALLED_APPS, so
    Wagtail's has been connected by now."""
    task_submitted.disconnect(sender=TaskState, dispatch_uid=WAGTAIL_UID)
    task_submitted.connect(provincial_submission_notifier, sender=TaskState, dispatch_uid="desk_task_submitted")
