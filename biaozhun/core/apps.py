from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "biaozhun.core"
    label = "core"
    verbose_name = "core"
