from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "biaozhun.feedback"
    label = "feedback"
    verbose_name = _("实施信息反馈")

    def ready(self) -> None:
        from biaozhun.accounts import policy
        from biaozhun.accounts.privacy import personal_data

        from . import permissions
        from . import personal_data as mine

        policy.register_module(permissions)
        personal_data.register("implementation_feedback", export=mine.export_feedback)
