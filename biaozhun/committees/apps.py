from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "biaozhun.committees"
    label = "committees"
    verbose_name = _("技术委员会")

    def ready(self) -> None:
        from biaozhun.accounts import policy
        from biaozhun.accounts.privacy import personal_data

        from . import permissions
        from . import personal_data as mine

        policy.register_module(permissions)
        personal_data.register("committee_seats", export=mine.export_seats, erase=mine.erase_seat_names)
        personal_data.register("committee_notice_comments", export=mine.export_notice_comments,
                               erase=mine.erase_notice_comment_authors)
