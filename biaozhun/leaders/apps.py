from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadersConfig(AppConfig):
    name = "biaozhun.leaders"
    label = "leaders"
    verbose_name = _("企业标准“领跑者”")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions

        policy.register_module(permissions)
