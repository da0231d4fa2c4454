from wagtail.users.apps import WagtailUsersAppConfig


class DeskUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the province and municipality on the user forms (``desk.users``)."""

    user_viewset = "desk.users.DeskUserViewSet"
