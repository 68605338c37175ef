"""The demo loader of this part: a plan in several states, one version published with a real PDF, a comparison
with a row of each verdict; loading twice changes nothing."""

import pytest

from biaozhun.catalog.models import FullText
from biaozhun.international.demo import translations as demo
from biaozhun.international.models import Comparison, TranslationProject

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_every_state_and_verdict():
    demo.load(None)
    states = set(TranslationProject.objects.values_list("state", flat=True))
    assert {"planned", "translating", "review", "published", "cancelled"} <= states
    text = FullText.objects.get(standard__identifier="GB 19147-2016", language="en")
    assert text.page_count and text.size > 1000
    comparison = Comparison.objects.get()
    verdicts = set(comparison.rows.values_list("verdict", flat=True))
    assert verdicts == {"same", "stricter", "looser", "different", "not_comparable"}
    assert set(comparison.rows.exclude(why="").values_list("why", flat=True)) == {"units", "chinese_text"}
    assert comparison.public
    assert demo.load(None) == "demo translations already loaded"
    assert TranslationProject.objects.count() == 5
