"""Wagtail's document permission policy, narrowed by the one document access rule (``agreements.access``)."""

from wagtail.documents import get_document_model, get_document_model_string
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import policy_registry

from .access import OPEN, access_to, visible_documents


class ProvincialDocumentPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's document policy, narrowed by the one document access rule (``agreements.access``): no
    listing, chooser or edit view offers a document its user may not have."""

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_documents(user, super().instances_user_has_any_permission_for(user, actions))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and (
            access_to(user, instance) == OPEN
        )


def register_policy():
    policy_registry.register(
        get_document_model(),
        ProvincialDocumentPermissionPolicy(
            get_document_model_string(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
        ),
    )
