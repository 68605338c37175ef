from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropagationConfig(AppConfig):
    name = "biaozhun.propagation"
    label = "propagation"
    verbose_name = _("标准变更传播")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions, receivers

        policy.register_module(permissions)
        receivers.connect()
