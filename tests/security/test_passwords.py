"""Finding 6: weak passwords were accepted (`Passw0rd!`, `mima1234`). Now passwords need 12 characters (a setting)
and may not be guessable: common and leaked passwords, pinyin words and names with digits, keyboard walks,
look-alike spellings. Django's own validators are kept."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from biaozhun.accounts import services
from biaozhun.accounts.models import User
from biaozhun.accounts.security.passwords import GuessablePasswordValidator, is_guessable
from biaozhun.core.errors import ValidationFailed
from tests.accounts.test_pages import _registration as completion_form
from tests.accounts.test_pages import registration_link

GUESSABLE = "这个密码容易被猜到"
TOO_SHORT = "密码太短：至少需要 12 个字符"


def _registration(password: str) -> dict:
    """The completion form of a registration (step 2, behind the e-mailed link) with this password."""
    return completion_form(password1=password, password2=password)


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["Passw0rd!", "mima1234"])
def test_the_two_examples_of_the_finding_are_refused_at_registration(client, password):
    response = client.post(registration_link(client), _registration(password))
    content = response.content.decode()
    assert response.status_code == 422  # the form again, with what to change
    assert TOO_SHORT in content and GUESSABLE in content
    assert not User.objects.filter(username="wangfang").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["Passw0rd!2026", "mima12345678", "woaini1314520", "zhangsan123456",
                                      "ZhangSan!19870512", "123qweasdzxc", "1qaz2wsx3edc4rfv", "P@ssw0rd2026!",
                                      "wangxiaoming88", "qwertyuiop123", "Woaini@520!!!", "admin@123456"])
def test_long_enough_but_guessable_passwords_are_refused_by_the_service(password):
    with pytest.raises(ValidationFailed) as refused:
        services.register_user(actor=_anonymous(), username="wangfang", email="wangfang@example.com",
                               real_name="王芳", password=password)
    assert "password_guessable" in [p["code"] for p in refused.value.errors]
    assert {p["field"] for p in refused.value.errors} == {"password"}
    assert any(GUESSABLE in p["message"] for p in refused.value.errors)


@pytest.mark.parametrize("password", ["Passw0rd!", "mima1234", "woaini", "zhangsan2024", "123qwe", "1qaz2wsx",
                                      "qweasdzxc", "asdf1234!", "abc123456", "lisi13812345678", "aaaaaaaaaaaa",
                                      "12345678!@#$", "@dmin12345678"])
def test_the_validator_alone_refuses_pinyin_names_keyboard_walks_and_look_alikes(password):
    with pytest.raises(ValidationError) as refused:
        GuessablePasswordValidator().validate(password)
    assert refused.value.code == "password_guessable"


@pytest.mark.parametrize("password", ["correct-horse-battery-staple", "Zhun-bei-2019!", "Tianqi-hen-hao-de-2024",
                                      "wo-xihuan-chi-jiaozi", "zhangsan+8x7h2k9q", "Xk9#mP2$qL7!wR4&",
                                      "woaini738291045", "biaozhun-demo-2026"])
def test_passphrases_and_random_passwords_pass(password):
    assert not is_guessable(password)
    validate_password(password)


def test_the_minimum_length_is_a_setting_and_djangos_validators_stay():
    names = [entry["NAME"].rsplit(".", 1)[-1] for entry in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == ["UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
                     "NumericPasswordValidator", "GuessablePasswordValidator"]
    assert settings.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"] == {"min_length": settings.BIAOZHUN_PASSWORD_MIN_LENGTH}
    assert settings.BIAOZHUN_PASSWORD_MIN_LENGTH == 12
    sixteen = [{"NAME": "biaozhun.accounts.security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 16}}]
    with override_settings(AUTH_PASSWORD_VALIDATORS=sixteen), pytest.raises(ValidationError, match="16"):
        validate_password("fifteen-chars!!")


def test_the_messages_are_translated_and_say_what_to_do():
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        validate_password("mima1234")
    english = " ".join(refused.value.messages)
    assert "at least 12 characters" in english and "easy to guess" in english
    assert "several unrelated words" in english


@pytest.mark.django_db
def test_the_registration_page_explains_the_rules(client):
    content = client.get(registration_link(client)).content.decode()
    assert "密码至少需要 12 个字符" in content and "123qwe" in content


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
