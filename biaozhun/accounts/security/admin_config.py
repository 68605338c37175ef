"""Django's admin app with our admin site (admin_site.py). Kept apart: INSTALLED_APPS imports it before models."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "biaozhun.accounts.security.admin_site.AdminSite"
