"""Filing pages: periodic."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
