"""E-mail addresses and phone numbers are encrypted at rest with SM4 (GB/T 39786-2021), looked up through an
HMAC-SM3 blind index, and re-encrypted under a new key by `manage.py rotate_field_keys` (issue 9, finding 7)."""

import base64
import importlib
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from biaozhun.accounts import services
from biaozhun.accounts.models import User
from biaozhun.core import crypto
from biaozhun.core.errors import ValidationFailed
from biaozhun.core.fields import EncryptedLookupError
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OLD = "k1:" + base64.b64encode(b"o" * 32).decode()
NEW = "k2:" + base64.b64encode(b"n" * 32).decode()


def raw(user: User) -> dict[str, str]:
    """The user's row as the database holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT email, phone, email_index FROM accounts_user WHERE id = %s", [user.pk])
        email, phone, index = cursor.fetchone()
    return {"email": email, "phone": phone, "email_index": index}


def test_the_database_holds_no_plaintext_address_or_phone_number(client):
    user = services.register_user(actor=AnonymousUser(), username="zhangsan", email="Zhang.San@Example.com", real_name="张三",
                                  password=DEFAULT_PASSWORD, phone="13800138000")
    row = raw(user)
    for value in row.values():
        assert "zhang" not in value.lower() and "example" not in value.lower() and "13800138000" not in value
    assert row["email"].startswith("sm4$test1$") and row["phone"].startswith("sm4$test1$")
    assert re.fullmatch(r"test1\$[0-9a-f]{64}", row["email_index"])
    with connection.cursor() as cursor:  # no other table of accounts holds it either (the history masks it)
        cursor.execute("SELECT data FROM accounts_accountevent")
        assert all("Zhang" not in data and "13800" not in data for (data,) in cursor.fetchall())
    user.refresh_from_db()
    assert (user.email, user.phone) == ("Zhang.San@example.com", "13800138000")


def test_the_same_address_encrypts_differently_each_time():
    """A random IV each time: equal addresses do not show as equal ciphertexts (only the keyed index matches)."""
    user = UserFactory(email="same@example.com")
    again = crypto.encrypt("same@example.com", context="accounts_user.email")
    assert raw(user)["email"] != again
    assert crypto.decrypt(again, context="accounts_user.email") == "same@example.com"


def test_lookups_by_address_work_in_any_case(client):
    user = UserFactory(username="lisi", email="LiSi@Example.com")
    assert list(User.objects.with_email("  lisi@EXAMPLE.com ")) == [user]
    assert User.objects.get_by_email("lisi@example.com") == user
    # Signing in with the address.
    assert client.post(reverse("accounts:login"), {"username": "LISI@example.com",
                                                   "password": DEFAULT_PASSWORD}).status_code == 302
    # A password reset by address reaches the account.
    client.logout()
    client.post(reverse("accounts:password_reset"), {"email": "lisi@example.COM"})
    assert [message.to for message in mail.outbox] == [["LiSi@Example.com"]]


def test_an_address_is_unique_ignoring_case_in_the_service_and_in_the_database():
    UserFactory(email="wang@example.com")
    with pytest.raises(ValidationFailed) as refused:
        services.register_user(actor=AnonymousUser(), username="wang2", email="WANG@example.com", real_name="王二",
                               password=DEFAULT_PASSWORD)
    assert [p["code"] for p in refused.value.errors] == ["email_taken"]
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="wang3", real_name="王三", email="Wang@Example.com")


def test_a_query_that_only_plaintext_could_answer_fails_loudly_instead_of_finding_nothing():
    UserFactory(email="zhao@example.com", phone="010-12345678")
    for query in ({"email__iexact": "zhao@example.com"}, {"email": "zhao@example.com"},
                  {"phone__contains": "1234"}, {"email__in": ["zhao@example.com"]}):
        with pytest.raises(EncryptedLookupError):
            list(User.objects.filter(**query))
    assert User.objects.exclude(email="").count() == 1  # "has an address" still works
    assert User.objects.filter(phone="").count() == 0


def test_an_altered_or_moved_ciphertext_does_not_decrypt():
    user = UserFactory(email="qian@example.com", phone="13900139000")
    row = raw(user)
    with connection.cursor() as cursor:  # the address's ciphertext copied into the phone column
        cursor.execute("UPDATE accounts_user SET phone = %s WHERE id = %s", [row["email"], user.pk])
    with pytest.raises(crypto.DecryptionFailed):
        User.objects.get(pk=user.pk)
    tampered = row["email"][:-3] + ("AAA" if not row["email"].endswith("AAA") else "BBB")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_user SET phone = %s, email = %s WHERE id = %s",
                       [row["phone"], tampered, user.pk])
    with pytest.raises(crypto.DecryptionFailed):
        User.objects.get(pk=user.pk)


def test_the_administrators_search_finds_a_whole_address(admin_client):
    user = UserFactory(username="sunqi", email="Sun.Qi@Example.com")
    page = admin_client.get("/admin/accounts/user/", {"q": "sun.qi@example.com"}).content.decode()
    assert f"/admin/accounts/user/{user.pk}/change/" in page


def test_rotation_reencrypts_every_row_under_the_new_key_and_the_old_key_can_then_go(settings):
    settings.BIAOZHUN_FIELD_KEYS = [OLD]
    users = [UserFactory(email=f"user{n}@example.com", phone=f"1380000000{n}") for n in range(5)]
    assert all(raw(u)["email"].startswith("sm4$k1$") for u in users)
    settings.BIAOZHUN_FIELD_KEYS = [NEW, OLD]
    assert User.objects.get_by_email("USER3@example.com") == users[3]  # found before rotation (old index)
    out = StringIO()
    call_command("rotate_field_keys", "--batch-size", "2", stdout=out)
    assert "k1 can now be removed" in out.getvalue()
    for user in users:
        row = raw(user)
        assert row["email"].startswith("sm4$k2$") and row["phone"].startswith("sm4$k2$")
        assert row["email_index"].startswith("k2$")
    settings.BIAOZHUN_FIELD_KEYS = [NEW]  # the old key removed
    assert [(u.email, u.phone) for u in User.objects.filter(pk__in=[u.pk for u in users]).order_by("pk")] == [
        (f"user{n}@example.com", f"1380000000{n}") for n in range(5)]
    assert User.objects.get_by_email("user3@EXAMPLE.com") == users[3]
    out = StringIO()
    call_command("rotate_field_keys", "--dry-run", stdout=out)
    assert "Nothing left to re-encrypt." in out.getvalue()


def test_without_its_key_an_old_value_is_refused_with_the_key_named(settings):
    settings.BIAOZHUN_FIELD_KEYS = [OLD]
    user = UserFactory(email="old@example.com")
    settings.BIAOZHUN_FIELD_KEYS = [NEW]
    with pytest.raises(crypto.DecryptionFailed, match="'k1' is not in BIAOZHUN_FIELD_KEYS"):
        User.objects.get(pk=user.pk)


def test_an_interrupted_rotation_resumes_where_it_stopped(settings, monkeypatch):
    settings.BIAOZHUN_FIELD_KEYS = [OLD]
    users = [UserFactory(email=f"r{n}@example.com") for n in range(4)]
    settings.BIAOZHUN_FIELD_KEYS = [NEW, OLD]
    calls = {"n": 0}
    original = User.save

    def crash_on_the_third_row(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("killed")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(User, "save", crash_on_the_third_row)
    with pytest.raises(RuntimeError):
        call_command("rotate_field_keys", "--batch-size", "2", stdout=StringIO())
    assert [raw(u)["email"][:7] for u in users] == ["sm4$k2$", "sm4$k2$", "sm4$k1$", "sm4$k1$"]  # batch 1 kept
    monkeypatch.setattr(User, "save", original)
    out = StringIO()
    call_command("rotate_field_keys", "--batch-size", "2", stdout=out)
    assert "accounts.User: 2 rows to re-encrypt" in out.getvalue()
    assert all(raw(u)["email"].startswith("sm4$k2$") for u in users)


def test_the_migration_encrypts_rows_stored_in_plaintext():
    user = UserFactory(email="legacy@example.com", phone="13700137000")
    with connection.cursor() as cursor:  # as rows were before encryption
        cursor.execute("UPDATE accounts_user SET email = %s, phone = %s, email_index = '' WHERE id = %s",
                       ["legacy@example.com", "13700137000", user.pk])
    assert User.objects.get(pk=user.pk).email == "legacy@example.com"  # read as it is meanwhile
    migration = importlib.import_module("biaozhun.accounts.migrations.0007_encrypt_existing_emails_and_phones")
    migration.encrypt_rows(apps, None)
    row = raw(user)
    assert row["email"].startswith("sm4$") and row["phone"].startswith("sm4$") and "legacy" not in row["email"]
    assert User.objects.get_by_email("Legacy@example.com") == user


def test_keys_that_do_not_parse_are_refused_without_showing_them(settings):
    from django.core.exceptions import ImproperlyConfigured

    for keys, message in (([], "No field encryption key"), (["k1"], "entry 1"), (["k1:not base64!"], "not base64"),
                          (["k1:" + base64.b64encode(b"short").decode()], "at least 16 bytes"), ([OLD, OLD], "twice")):
        settings.BIAOZHUN_FIELD_KEYS = keys
        with pytest.raises(ImproperlyConfigured, match=message) as refused:
            crypto.keyring()
        assert "b2/v" not in str(refused.value) and OLD.split(":")[1] not in str(refused.value)


def test_the_installed_openssl_has_sm4_and_sm3():
    assert crypto.sm4_available()
