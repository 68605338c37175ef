from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "biaozhun.declarations"
    label = "declarations"
    verbose_name = _("企业标准自我声明公开")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions, public_permissions
        from .search import sync

        policy.register_module(permissions)
        policy.register_module(public_permissions)
        sync.connect()
