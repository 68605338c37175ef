from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "biaozhun.search"
    label = "search"
    verbose_name = "search"

    def ready(self):
        from biaozhun.core import health

        from .health import readiness

        health.register("search_index", readiness)
