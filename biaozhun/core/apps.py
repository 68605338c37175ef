from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "biaozhun.core"
    label = "core"
    verbose_name = "core"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401 (registers the system checks)
        from .db_statistics import after_migrate

        post_migrate.connect(after_migrate, sender=self, dispatch_uid="core.refresh_statistics")
