from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "biaozhun.catalog"
    label = "catalog"

    def ready(self) -> None:
        from biaozhun.accounts import policy

        from . import permissions

        policy.register_module(permissions)
