from django.urls import path

from . import views
from .privacy import views as privacy_views
from .security import views as security_views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    path("register/<str:token>/", views.register_complete, name="register_complete"),
    path("profile/", views.profile, name="profile"),
    path("profile/data/", privacy_views.personal_data, name="personal_data"),
    path("delete/", privacy_views.delete, name="delete_account"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("tokens/", views.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/complete/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("two-step/setup/", security_views.setup, name="second_factor_setup"),
    path("two-step/verify/", security_views.verify, name="second_factor_verify"),
    path("two-step/recovery-codes/", security_views.recovery_codes, name="second_factor_recovery_codes"),
    path("two-step/disable/", security_views.disable, name="second_factor_disable"),
]
