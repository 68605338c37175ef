from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "biaozhun.development"
    label = "development"
    verbose_name = "标准制修订"
