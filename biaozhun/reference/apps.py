from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    verbose_name = "参考数据"
    name = "biaozhun.reference"
    label = "reference"
