"""System checks (``manage.py check``): the field encryption keys parse and the installed OpenSSL has SM4/SM3."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from . import crypto


@checks.register(checks.Tags.security)
def field_encryption(app_configs, **kwargs) -> list[checks.CheckMessage]:
    try:
        crypto.keyring()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="biaozhun.E001")]
    if not crypto.sm4_available():
        return [checks.Error("The OpenSSL under the `cryptography` package has no SM4-CBC or SM3: install the "
                             "cryptography wheel from PyPI (it bundles an OpenSSL with them).", id="biaozhun.E002")]
    return []
