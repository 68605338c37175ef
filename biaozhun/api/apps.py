from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "biaozhun.api"
    label = "api"
