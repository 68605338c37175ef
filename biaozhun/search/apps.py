from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "biaozhun.search"
    label = "search"
    verbose_name = "search"
