from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "biaozhun.accounts"
    label = "accounts"
    verbose_name = _("用户与组织")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions
        from .privacy import personal_data  # noqa: F401 (the account's own sections come first)
        from .security import sessions  # noqa: F401 (notes the time of each sign-in: user_logged_in)

        policy.register_module(permissions)
