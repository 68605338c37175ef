from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "biaozhun.portal"
    label = "portal"
