from django.apps import AppConfig


def _index_readiness():
    """The /readyz check of this machine's index (imported when asked: the text tools load slowly)."""
    from .health import readiness

    return readiness()


class SearchConfig(AppConfig):
    name = "biaozhun.search"
    label = "search"
    verbose_name = "search"

    def ready(self):
        from biaozhun.core import health

        health.register("search_index", _index_readiness)
