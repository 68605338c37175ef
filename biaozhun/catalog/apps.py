from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "biaozhun.catalog"
    label = "catalog"
