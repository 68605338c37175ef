from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "biaozhun.committees"
    label = "committees"
    verbose_name = "技术委员会"
