from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "biaozhun.groups"
    label = "groups"
    verbose_name = _("社会团体和团体标准")

    def ready(self) -> None:
        from biaozhun.accounts import policy
        from biaozhun.accounts.privacy import personal_data

        from . import permissions
        from . import personal_data as mine

        policy.register_module(permissions)
        personal_data.register("group_comments", export=mine.export_group_comments,
                               erase=mine.erase_group_comment_authors)
