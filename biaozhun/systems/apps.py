from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SystemsConfig(AppConfig):
    name = "biaozhun.systems"
    label = "systems"
    verbose_name = _("标准体系")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions, receivers

        policy.register_module(permissions)
        receivers.connect()
