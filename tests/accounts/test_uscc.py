"""The unified social credit code (统一社会信用代码): python-stdnum checks, our specific messages."""

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import uscc as stdnum_uscc

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.accounts.validators import compact_uscc, validate_uscc
from tests.factories.accounts import OrganisationFactory, make_uscc

KNOWN_VALID = "91110000600037341L"  # the example in python-stdnum's documentation


def _codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_list]


@pytest.mark.parametrize("number", [KNOWN_VALID, make_uscc(1), make_uscc(987654321, region="110105")])
def test_valid_codes_pass(number):
    validate_uscc(number)


def test_generated_code_uses_the_stdnum_check_digit():
    body = "91320100000000042"
    assert make_uscc(42) == body + stdnum_uscc.calc_check_digit(body)
    assert stdnum_uscc.is_valid(make_uscc(42))


def test_spaces_hyphens_and_lower_case_are_tolerated():
    spaced = "9111 0000-6000 3734 1l"
    validate_uscc(spaced)
    assert compact_uscc(spaced) == KNOWN_VALID


@pytest.mark.parametrize("number, length", [("12345", 5), (KNOWN_VALID + "9", 19), ("", 0)])
def test_wrong_length_says_how_many_characters_were_given(number, length):
    with pytest.raises(ValidationError) as caught:
        validate_uscc(number)
    assert _codes(caught.value) == ["uscc_length"]
    message = caught.value.messages[0]
    assert "18" in message
    assert str(length) in message


def test_wrong_check_digit_is_named_as_such():
    wrong = KNOWN_VALID[:-1] + "M"
    with pytest.raises(ValidationError) as caught:
        validate_uscc(wrong)
    assert _codes(caught.value) == ["uscc_checksum"]
    assert "校验位" in caught.value.messages[0]


@pytest.mark.parametrize("number", ["A1110000600037341L", "91110000600037341I"])
def test_bad_characters_are_a_format_error(number):
    with pytest.raises(ValidationError) as caught:
        validate_uscc(number)
    assert _codes(caught.value) == ["uscc_format"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind", [OrganisationKind.ENTERPRISE, OrganisationKind.SOCIAL_ORGANISATION, OrganisationKind.TESTING_LAB]
)
def test_uscc_is_required_for_organisations_identified_by_it(kind):
    organisation = Organisation(kind=kind, name="某单位", uscc="")
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "uscc" in caught.value.message_dict


@pytest.mark.django_db
def test_uscc_is_optional_for_a_bureau():
    Organisation(kind=OrganisationKind.BUREAU, name="江苏省市场监督管理局", region_code="32").full_clean()


@pytest.mark.django_db
def test_a_uscc_can_be_registered_once_and_the_error_is_on_the_field():
    existing = OrganisationFactory()
    duplicate = Organisation(kind=OrganisationKind.ENTERPRISE, name="另一家", uscc=existing.uscc.lower())
    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert list(caught.value.message_dict) == ["uscc"]
    assert "已有组织" in caught.value.message_dict["uscc"][0]


@pytest.mark.django_db
def test_many_organisations_may_have_no_uscc():
    OrganisationFactory(bureau=True)
    Organisation(kind=OrganisationKind.BUREAU, name="浙江省市场监督管理局", region_code="33").full_clean()
