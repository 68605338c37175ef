from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "biaozhun.feedback"
    label = "feedback"
    verbose_name = "实施信息反馈"
