"""Settings every benchmark's Django processes share: not secrets, never used outside bench/."""

import base64

# The site refuses to start without a key for personal data at rest (settings._field_keys); benchmarks that
# make their own VAR_DIR pass this one.
FIELD_KEYS = "bench:" + base64.b64encode(b"bench-only-field-key-32-bytes!!!").decode()
SECRET_KEY = "bench-only-not-a-secret"  # noqa: S105 (benchmark)


def django_env(**overrides: str) -> dict[str, str]:
    """DEBUG off, a fixed secret and field key; overrides on top."""
    return {"DEBUG": "0", "SECRET_KEY": SECRET_KEY, "BIAOZHUN_FIELD_KEYS": FIELD_KEYS, **overrides}
