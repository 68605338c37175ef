from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "biaozhun.development"
    label = "development"
    verbose_name = _("标准制修订")

    def ready(self) -> None:
        from biaozhun.accounts import policy
        from biaozhun.accounts.privacy import personal_data

        from . import permissions
        from . import personal_data as mine

        policy.register_module(permissions)
        personal_data.register("comments", export=mine.export_comments, erase=mine.erase_comment_authors)
        personal_data.register("votes", export=mine.export_votes)
        personal_data.register("proposed_projects", export=mine.export_proposals)
