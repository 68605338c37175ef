"""Text access is decided from the kind of standard (biaozhun/rules/text_access.py): every class of standard."""

import pytest

from biaozhun.rules.text_access import Access, Reason, adopts_international_text, decide


@pytest.mark.parametrize(("tier", "nature", "adoptions", "expected"), [
    # Mandatory standards: free to read and download (标准化法 art. 17), whatever their tier.
    ("national", "mandatory", [], (Access.DOWNLOAD, Reason.MANDATORY)),
    ("local", "mandatory", [], (Access.DOWNLOAD, Reason.MANDATORY)),  # DB44/1989-2017, before the 2017 law
    ("industry", "mandatory", [], (Access.DOWNLOAD, Reason.MANDATORY)),  # YY 0505-2012
    # Recommended national standards and guidance documents: read online.
    ("national", "recommended", [], (Access.PREVIEW, Reason.RECOMMENDED)),
    ("national", "guidance", [], (Access.PREVIEW, Reason.RECOMMENDED)),
    # Adopting an ISO/IEC text (IDT, MOD): never downloadable, also when mandatory.
    ("national", "mandatory", [("IEC 62368-1:2018", "MOD")], (Access.PREVIEW, Reason.ADOPTED)),
    ("national", "recommended", [("ISO 9001:2015", "IDT")], (Access.PREVIEW, Reason.ADOPTED)),
    ("national", "recommended", [("ISO/IEC 27001:2022", "idt")], (Access.PREVIEW, Reason.ADOPTED)),
    ("industry", "recommended", [("ISO 6506-1:2014", "MOD")], (Access.PREVIEW, Reason.ADOPTED)),
    # NEQ does not reproduce the text; adopting another body's standard is not ISO/IEC copyright.
    ("national", "mandatory", [("ISO 3864-1:2011", "NEQ")], (Access.DOWNLOAD, Reason.MANDATORY)),
    ("national", "mandatory", [("ASTM D638-14", "MOD")], (Access.DOWNLOAD, Reason.MANDATORY)),
    # Industry and local standards: read online on the filing platforms.
    ("industry", "recommended", [], (Access.PREVIEW, Reason.FILED)),
    ("local", "recommended", [], (Access.PREVIEW, Reason.FILED)),
    # Group and enterprise standards: their publishers decide; not public by default.
    ("group", "", [], (Access.NOT_PUBLIC, Reason.PUBLISHER)),
    ("enterprise", "", [], (Access.NOT_PUBLIC, Reason.PUBLISHER)),
    # ISO/IEC texts themselves are sold.
    ("international", "", [], (Access.NOT_PUBLIC, Reason.INTERNATIONAL)),
])
def test_access_follows_the_kind_of_standard(tier, nature, adoptions, expected):
    decision = decide(tier=tier, nature=nature, adoptions=adoptions)
    assert (decision.access, decision.reason) == expected


def test_a_mandatory_standards_translation_is_read_online_and_every_other_is_not_public():
    decision = decide(tier="national", nature="mandatory", language="en")
    assert (decision.access, decision.reason) == (Access.PREVIEW, Reason.TRANSLATION_MANDATORY)
    recommended = decide(tier="national", nature="recommended", language="fr")
    assert (recommended.access, recommended.reason) == (Access.NOT_PUBLIC, Reason.TRANSLATION)
    adopted = decide(tier="national", nature="mandatory", adoptions=[("IEC 60335-1:2020", "IDT")], language="en")
    assert (adopted.access, adopted.reason) == (Access.NOT_PUBLIC, Reason.TRANSLATION)
    assert decide(tier="international", nature="", language="en").reason is Reason.INTERNATIONAL


@pytest.mark.parametrize("level", list(Access))
def test_an_administrators_decision_wins_with_its_own_reason(level):
    decision = decide(tier="group", nature="", override=level.value)
    assert (decision.access, decision.reason) == (level, Reason.OVERRIDE)


def test_an_unknown_override_fails_loudly():
    with pytest.raises(ValueError):
        decide(tier="national", nature="mandatory", override="public")


def test_levels_are_ordered_and_each_includes_the_ones_below():
    assert [level.rank for level in (Access.NOT_PUBLIC, Access.PREVIEW, Access.DOWNLOAD)] == [0, 1, 2]
    assert [(level.can_read, level.can_download) for level in Access] == [(False, False), (True, False), (True, True)]


def test_adoption_of_international_text_needs_an_iso_or_iec_number_and_idt_or_mod():
    assert adopts_international_text([("GB/T 1.1-2020", "IDT"), (" iso 9001:2015", "MOD")])
    assert not adopts_international_text([("ISO 9001:2015", "NEQ"), ("EN 71-1:2014", "IDT")])
    assert not adopts_international_text([])
