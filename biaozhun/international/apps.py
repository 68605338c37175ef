from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InternationalConfig(AppConfig):
    name = "biaozhun.international"
    label = "international"
    verbose_name = _("国际标准化")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions

        policy.register_module(permissions)
