from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


def check_retention(app_configs, **kwargs):
    """The retention setting may come from a settings module as well as the environment: refuse it here too."""
    from .purge import RetentionTooShort, retention_days

    try:
        retention_days()
    except RetentionTooShort as error:
        return [checks.Critical(str(error), id="audit.E001")]
    return []


class AuditConfig(AppConfig):
    name = "biaozhun.audit"
    label = "audit"
    verbose_name = _("安全审计")

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions, receivers

        policy.register_module(permissions)
        receivers.connect()
        checks.register(check_retention, checks.Tags.security)
