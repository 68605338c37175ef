"""The demo loader: enterprises with valid USCCs, declarations of catalogue standards and a Q/ that trips
BELOW_MANDATORY; a rerun changes nothing."""

import io

import pytest
from django.core.management import call_command
from stdnum.cn import uscc

from biaozhun.declarations.models import Declaration, DeclarationVersion
from tests.fixtures.catalog import make_standard

pytestmark = pytest.mark.django_db


def test_the_demo_declarations_load_once_and_show_each_check(db):
    make_standard("GB 5749-2006", title_zh="生活饮用水卫生标准", published_on="2006-12-29", implemented_on="2007-07-01")
    make_standard("GB 5749-2022", title_zh="生活饮用水卫生标准", published_on="2022-03-15", implemented_on="2023-04-01",
                  replaces=["GB 5749-2006"])
    make_standard("GB/T 19001-2016")
    call_command("load_demo_declarations", stdout=io.StringIO(), stderr=io.StringIO())
    counts = (Declaration.objects.count(), DeclarationVersion.objects.count())
    call_command("load_demo_declarations", stdout=io.StringIO(), stderr=io.StringIO())
    assert (Declaration.objects.count(), DeclarationVersion.objects.count()) == counts == (3, 3)
    codes = {d.identifier: [c["code"] for c in d.checks] for d in Declaration.objects.all()}
    assert codes["Q/JSSH 001-2025"] == ["below_mandatory"]
    assert codes["GB 5749-2006"] == ["not_current"]
    assert all(uscc.is_valid(d.enterprise.uscc) for d in Declaration.objects.select_related("enterprise"))
