"""Page permissions narrowed to the province in the user's profile.

Group page permissions are granted on the three section index pages (``desk.roles``); the records
under them are of every province, so the province check happens here, on each record.
"""

from wagtail.models import AbstractPage, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from .scope import records_hidden_from, same_province


class RecordPermissionTester(PagePermissionTester):
    """A record of another province: no permission at all, whatever the groups say."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.in_province = user.is_superuser or same_province(user, page)
        if user.is_active and not self.in_province:
            self.permissions = set()

    def can_edit(self):
        return self.in_province and super().can_edit()

    def can_lock(self):
        return self.in_province and super().can_lock()

    def can_unlock(self):
        return self.in_province and super().can_unlock()

    def can_submit_for_moderation(self):
        return self.in_province and super().can_submit_for_moderation()

    def can_view_revisions(self):
        return self.in_province and super().can_view_revisions()


class SectionPermissionTester(PagePermissionTester):
    """A section index (meetings, agreements, practices): office users add records under it, nothing
    more; the index page itself is the superuser's."""

    def _superuser(self):
        return self.user.is_active and self.user.is_superuser

    def can_edit(self):
        return self._superuser() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._superuser() and super().can_delete(ignore_bulk)

    def can_publish(self):
        return self._superuser() and super().can_publish()

    def can_unpublish(self):
        return self._superuser() and super().can_unpublish()

    def can_lock(self):
        return self._superuser()

    def can_unlock(self):
        return self._superuser()

    def can_reorder_children(self):
        return self._superuser()

    def can_view_revisions(self):
        return self._superuser() and super().can_view_revisions()


class ProvincialPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, except that every page set it hands the admin (explorer, page search,
    reports, workflow listings) leaves out the records the user must not see (``records_hidden_from``)."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return pages if user.is_superuser else pages.exclude(pk__in=records_hidden_from(user).values("pk"))

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        return pages if user.is_superuser else pages.exclude(pk__in=records_hidden_from(user).values("pk"))


def register_policy():
    policy_registry.register(AbstractPage, ProvincialPagePermissionPolicy())
