"""Everything else that cites a changed edition: filings under review, declarations (executing it, or naming it
among an enterprise standard's references), development projects (revising or adopting it) and open feedback on
it. Only what is genuinely linked and still live is flagged, each to its owner."""

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.declarations.services import DeclarationInput, declare_standard, withdraw_declaration
from biaozhun.development.services import propose_project
from biaozhun.feedback.services import answer_feedback
from biaozhun.filing.services import submit_filing, withdraw_filing
from biaozhun.propagation.models import Citation, Flag, Source
from tests.fixtures.catalog import make_standard
from tests.fixtures.feedback import submit
from tests.fixtures.filing import filing_input
from tests.fixtures.propagation import abolish, amend, propagate

pytestmark = pytest.mark.django_db
SULFUR = {"name": "硫含量", "unit": "mg/kg", "comparator": "le", "upper": "50", "category": "environment"}


def flagged(source: str) -> dict[int, tuple[str, str, int | None]]:
    """Flagged object id → (citation, cited as, owner id), for one kind of citing thing."""
    return {f.object_id: (f.citation, f.cited_as, f.owner_id) for f in Flag.objects.filter(source=source)}


def test_a_filing_under_review_citing_it_or_replacing_it_is_flagged_to_its_authority(bureau, bureau_user):
    cited = make_standard("GB/T 41001-2010", published_on="2010-01-01", implemented_on="2010-06-01")
    citing = submit_filing(actor=bureau_user, authority=bureau, data=filing_input(
        "DB32/T 4101-2026", references=["GB/T 41001-2010"]))
    old_local = make_standard("DB32/T 4000-2015", published_on="2015-01-01", implemented_on="2015-06-01")
    replacing = submit_filing(actor=bureau_user, authority=bureau, data=filing_input(
        "DB32/T 4000-2026", replaces=["DB32/T 4000-2015"]))
    unrelated = submit_filing(actor=bureau_user, authority=bureau, data=filing_input(
        "DB32/T 4102-2026", references=["GB/T 41001-2005"]))
    withdrawn = submit_filing(actor=bureau_user, authority=bureau, data=filing_input(
        "DB32/T 4103-2026", references=["GB/T 41001"]))
    withdraw_filing(actor=bureau_user, filing=withdrawn)
    abolish(cited)
    abolish(old_local)
    propagate()
    assert flagged(Source.FILING) == {citing.pk: (Citation.DATED, "GB/T 41001-2010", bureau.pk),
                                      replacing.pk: (Citation.REPLACES, "DB32/T 4000-2015", bureau.pk)}
    assert unrelated.pk not in flagged(Source.FILING)


def test_declarations_executing_it_are_flagged_to_the_enterprise_and_withdrawn_ones_are_not(
        declaration, enterprise, enterprise_profile, product):
    other = declare_standard(actor=SYSTEM, enterprise=enterprise, data=DeclarationInput(
        source="catalogue", identifier="GB 19147-2013", products=[product.pk]))
    withdraw_declaration(actor=SYSTEM, declaration=other, reason="停产")
    amend(declaration.standard)
    propagate()
    assert flagged(Source.DECLARATION) == {declaration.pk: (Citation.EXECUTES, "GB 19147-2016", enterprise.pk)}


def test_an_enterprise_standard_naming_it_among_its_references_is_flagged(enterprise, enterprise_profile, product):
    cited = make_standard("GB/T 41002-2018", published_on="2018-01-01", implemented_on="2018-06-01")
    own = declare_standard(actor=SYSTEM, enterprise=enterprise, data=DeclarationInput(
        source="enterprise", identifier="Q/CSQY 001-2025", title="车用柴油", products=[product.pk],
        indicators=[SULFUR], reference_standards=["GB/T41002—2018", "GB 19147-2016"]))
    declare_standard(actor=SYSTEM, enterprise=enterprise, data=DeclarationInput(
        source="enterprise", identifier="Q/CSQY 002-2025", title="车用汽油", products=[product.pk],
        indicators=[SULFUR], reference_standards=["GB/T 41002-2010"]))  # another edition: not affected
    abolish(cited)
    propagate()
    assert flagged(Source.DECLARATION) == {own.pk: (Citation.DATED, "GB/T41002—2018", enterprise.pk)}


def test_projects_revising_or_adopting_it_are_flagged_to_their_secretariat(tc28_committee, tc_secretariat,
                                                                           secretariat_user):
    cited = make_standard("GB/T 41003-2015", tc_code="SAC/TC 28")
    iso = make_standard("ISO 41004:2015", title_en="Adopted document", published_on="2015-01-01",
                        implemented_on="2015-01-01")
    revising = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="修订 41003",
                               kind="revision", nature="recommended", revises=[cited])
    adopting = propose_project(actor=secretariat_user, committee=tc28_committee, title_zh="采用 ISO 41004",
                               kind="adoption", nature="recommended", adopts="ISO 41004", degree="IDT")
    abolish(cited)
    abolish(iso)
    propagate()
    assert flagged(Source.PROJECT) == {revising.pk: (Citation.REVISES, "GB/T 41003-2015", tc_secretariat.pk),
                                       adopting.pk: (Citation.ADOPTS, "ISO 41004", tc_secretariat.pk)}


def test_projects_whose_drafts_cite_it_are_flagged_dated_or_undated(tc28_committee, tc_secretariat, secretariat_user):
    cited = make_standard("GB/T 41007-2015", tc_code="SAC/TC 28")
    make_standard("GB/T 41007-2009", published_on="2009-01-01", implemented_on="2009-06-01", status="replaced")

    def drafting(title: str, references: str):
        return propose_project(actor=secretariat_user, committee=tc28_committee, title_zh=title, kind="new",
                               nature="recommended", references=references)

    dated = drafting("引用注日期", "GB/T 191-2008\ngb/t41007-2015")
    undated = drafting("引用不注日期", "GB/T 41007")
    drafting("引用旧版本", "GB/T 41007-2009")
    drafting("引用号码相近的标准", "GB/T 410070-2015")
    assert dated.references == ["GB/T 191-2008", "GB/T 41007-2015"]
    abolish(cited)
    propagate()
    assert flagged(Source.PROJECT) == {dated.pk: (Citation.DATED, "GB/T 41007-2015", tc_secretariat.pk),
                                       undated.pk: (Citation.UNDATED, "GB/T 41007", tc_secretariat.pk)}


def test_open_feedback_on_it_is_flagged_to_its_handler_and_answered_feedback_is_not(
        tc28_standard, tc28_committee, tc_secretariat, national_administration, secretariat_user):
    waiting = submit(tc28_standard)
    answered = submit(tc28_standard, text="第 3 章术语定义不清。")
    answer_feedback(actor=secretariat_user, item=answered, answer="经核实，第 3 章术语定义将在下次修订时明确，感谢反馈。")
    amend(tc28_standard)
    propagate()
    assert flagged(Source.FEEDBACK) == {waiting.pk: (Citation.ABOUT, "GB/T 5271.1-2000", tc_secretariat.pk)}
    assert Flag.objects.get(source=Source.FEEDBACK).label == waiting.tracking_number


def test_one_thing_citing_it_several_ways_is_flagged_once(tc_secretariat):
    cited = make_standard("GB/T 41005-2016")
    make_standard("GB/T 41006-2019", tc_code="SAC/TC 28", references=["GB/T 41005-2016", "GB/T 41005"])
    abolish(cited)
    propagate()
    assert list(Flag.objects.values_list("citation", flat=True)) == [Citation.DATED]
