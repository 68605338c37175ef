from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "biaozhun.committees"
    label = "committees"
    verbose_name = _("技术委员会")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions

        policy.register_module(permissions)
