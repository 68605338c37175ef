"""Self-registration that never tells whether an address already has an account (docs/decisions/0008-privacy.md).

1. ``start_registration``: the visitor gives an e-mail address. Whatever the address, the page answers the same
   ("we sent an e-mail to …") and a background task decides what to send: to a new address, a link that completes
   the registration; to an address that has an account, a note that someone tried to register with it (sign in or
   reset the password). The address travels to the task encrypted, and the web request does the same work in
   both cases.
2. ``complete_registration``: the link (signed, valid for ``LINK_MAX_AGE``, carrying the address encrypted) opens
   the form for name, username and password, with consent to the current privacy notice. Only there, after the
   address is proven, is a taken username reported. The account is created at that moment, active; the link then
   answers "already registered".
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from biaozhun.core import crypto

from . import policy, services
from .models import Language, User
from .privacy import notice
from .privacy.consent import accept_privacy_notice, stale_version_refusal
from .privacy.models import ConsentVia

LINK_MAX_AGE = timedelta(hours=48)
_SALT = "biaozhun.accounts.registration"
_SEALED = "accounts.registration.email"  # the encryption context of the address in tasks and links


class InvalidLink(Exception):
    """The link was altered, has expired, or its address already has an account (``registered``)."""

    def __init__(self, *, registered: bool = False) -> None:
        super().__init__("registration link")
        self.registered = registered


def _language(language: str) -> str:
    return language if language in Language.values else Language.ZH_HANS


def start_registration(*, actor: Any, email: str, language: str, next_url: str = "") -> None:
    """Send the right e-mail to ``email`` (in the background); the caller answers the same in every case."""
    policy.require(actor, "accounts.register")
    sealed = crypto.encrypt(email.strip(), context=_SEALED)
    send_registration_email.enqueue(sealed, _language(language), next_url)


@task()
def send_registration_email(sealed_email: str, language: str, next_url: str = "") -> str:
    """The e-mail for a registration attempt: the completion link for a new address, a warning for a known one.
    Returns which was sent ("link" or "exists"), for the task's result."""
    email = crypto.decrypt(sealed_email, context=_SEALED)
    site = settings.BIAOZHUN_SITE_URL
    existing = User.objects.with_email(email).first()
    with translation.override(language):
        if existing is not None:
            kind = "exists"
            context = {"site": site, "login": site + reverse("accounts:login"),
                       "reset": site + reverse("accounts:password_reset"), "username": existing.username}
        else:
            kind = "link"
            token = signing.dumps({"e": sealed_email, "l": language, "n": next_url}, salt=_SALT, compress=True)
            context = {"site": site, "link": site + reverse("accounts:register_complete", args=[token]),
                       "hours": int(LINK_MAX_AGE.total_seconds() // 3600)}
        subject = render_to_string(f"registration/biaozhun_register_{kind}_subject.txt", context).strip()
        body = render_to_string(f"registration/biaozhun_register_{kind}_body.txt", context)
    send_mail(subject, body, None, [email])
    return kind


def read_link(token: str) -> dict[str, str]:
    """The address, language and next page a link carries; ``InvalidLink`` if it is altered, expired or used."""
    try:
        payload = signing.loads(token, salt=_SALT, max_age=LINK_MAX_AGE)
        email = crypto.decrypt(payload["e"], context=_SEALED)
    except (signing.BadSignature, crypto.DecryptionFailed, KeyError, TypeError):
        raise InvalidLink() from None
    if User.objects.with_email(email).exists():
        raise InvalidLink(registered=True)
    return {"email": email, "language": _language(payload.get("l", "")), "next": payload.get("n", "")}


@transaction.atomic
def complete_registration(*, actor: Any, token: str, username: str, real_name: str, password: str,
                          notice_version: int, address: str | None, language: str) -> User:
    """Create the account the link was sent for, with the person's consent to the privacy notice they were shown."""
    policy.require(actor, "accounts.register")
    link = read_link(token)
    if notice_version != notice.current_version():
        raise stale_version_refusal(notice_version)
    user = services.register_user(actor=actor, username=username, email=link["email"], real_name=real_name,
                                  password=password, language=_language(language))
    accept_privacy_notice(actor=user, version=notice_version, address=address, language=language,
                          via=ConsentVia.REGISTRATION)
    return user


def refused_link_message(error: InvalidLink) -> str:
    if error.registered:
        return _("这个电子邮箱已经注册。请直接登录；忘记密码可以通过电子邮箱找回。")
    return _("注册链接无效或已过期（有效期 %(hours)d 小时）。请重新填写电子邮箱，我们会发送新的链接。") % {
        "hours": int(LINK_MAX_AGE.total_seconds() // 3600)}

