"""Encrypt the e-mail addresses and phone numbers already stored, and fill the e-mail blind index.

Batched by primary key; a row already encrypted is read and written again under the current key, so running it
twice changes nothing a person sees. Reversing writes the plaintext back (before 0004 is reversed)."""

from django.db import migrations

BATCH = 500
EMAIL_INDEX_PURPOSE = "accounts.user.email"  # as accounts.models (migrations do not import the app's models)


def encrypt_rows(apps, schema_editor):
    from biaozhun.core import crypto

    User = apps.get_model("accounts", "User")
    last = 0
    while True:
        batch = list(User.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "email", "phone")[:BATCH])
        if not batch:
            return
        for pk, email, phone in batch:
            index = crypto.blind_index((email or "").strip().lower(), purpose=EMAIL_INDEX_PURPOSE)
            User.objects.filter(pk=pk).update(email=email, phone=phone, email_index=index)
        last = batch[-1][0]


def decrypt_rows(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    table = User._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for pk, email, phone in User.objects.order_by("pk").values_list("pk", "email", "phone").iterator():
            cursor.execute(f"UPDATE {table} SET email = %s, phone = %s, email_index = '' WHERE id = %s",  # noqa: S608
                           [email, phone, pk])


class Migration(migrations.Migration):

    dependencies = [("accounts", "0006_encrypt_email_and_phone")]

    operations = [migrations.RunPython(encrypt_rows, decrypt_rows)]
