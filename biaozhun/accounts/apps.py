from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "biaozhun.accounts"
    label = "accounts"
    verbose_name = _("用户与组织")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions

        policy.register_module(permissions)
