from django.urls import path  # noqa: F401 (patterns live beside their views)

app_name = "declarations"
urlpatterns: list = [
]
