from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingConfig(AppConfig):
    name = "biaozhun.filing"
    label = "filing"
    verbose_name = _("行业标准和地方标准备案")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions, receivers

        policy.register_module(permissions)
        receivers.connect()
