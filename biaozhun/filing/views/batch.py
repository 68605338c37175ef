"""Filing pages: batch."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
