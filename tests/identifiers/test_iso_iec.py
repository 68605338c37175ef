"""ISO/IEC identifiers read into the model: edition, languages, stage, iteration, supplements, co-publishers,
IEC value-added versions and IDF joint numbers as attributes; one canonical form; the dated reference."""

import pytest
from django.utils import translation

from biaozhun.catalog.identifier_messages import identifier_message
from biaozhun.identifiers import IdentifierError, Supplement, Tier, parse, sort_key
from biaozhun.identifiers.fastpath import fast_parse, prefix_table
from biaozhun.identifiers.tables import default_tables


def test_an_edition_is_an_attribute_printed_once_after_the_supplements():
    ident = parse("ISO/IEC 17025:2005 Ed. 2/Cor.1:2006 (F)")
    assert (ident.edition, ident.languages, ident.supplements) == ("2", ("fr",), (Supplement("cor", "1", 2006),))
    assert ident.canonical == "ISO/IEC 17025:2005/Cor 1:2006 ED2(fr)"
    assert parse("IEC 60601-1:2005+AMD1:2012 CSV Ed 3.1").edition == "3.1"
    assert parse("IEC 60601-1:2005 Edition 3.0").edition == "3"  # 3.0 and 3 are the same edition


@pytest.mark.parametrize(("text", "languages"), [
    ("ISO 9001:2015(E)", ("en",)), ("ISO 9001:2015(F)", ("fr",)), ("ISO 9001:2015(R)", ("ru",)),
    ("ISO 9001:2015(S)", ("es",)), ("ISO 9001:2015(en)", ("en",)), ("ISO 9001:2015 (EN)", ("en",)),
    ("ISO 9001:2015(fr,en)", ("en", "fr")), ("ISO 9001:2015(E/F/R)", ("en", "fr", "ru")),
    ("ISO 9001:2015(en, fr, en)", ("en", "fr")), ("ISO 9001:2015(de)", ("de",)),
])  # fmt: skip
def test_languages_read_in_every_spelling_into_iso_639_codes_in_one_order(text, languages):
    assert parse(text).languages == languages


def test_an_iteration_belongs_to_the_draft_that_carries_the_stage():
    base = parse("ISO/DIS 45001.2")
    assert (base.stage, base.iteration, base.canonical) == ("DIS", 2, "ISO/DIS 45001.2")
    assert parse("ISO/CD2 9001") == parse("ISO/CD 9001.2")
    supplement = parse("ISO 14971:2019/NP Amd 1.2")
    assert (supplement.stage, supplement.iteration, supplement.supplements) == ("NP", 2, (Supplement("amd", "1"),))
    assert parse("ISO/DIS 45001.1") == parse("ISO/DIS 45001")  # the first iteration carries no suffix
    # the stage repeated after the number with its iteration: that iteration, not a lettered part
    assert parse("ISO/IEC CD 17021-CD2") == parse("ISO/IEC CD 17021.2")
    assert parse("ISO/IEC CD 17021-1-CD3").canonical == "ISO/IEC CD 17021-1.3"
    assert parse("ISO/CD 105-A01").part == "A01"  # a lettered part of a draft stays one
    assert parse("ISO 17021-CD2").part == "CD2"  # no stage before: a part like any other


@pytest.mark.parametrize(("text", "canonical", "stage", "prefix"), [
    ("ISO/IEC PDTR 20943-5", "ISO/IEC CD TR 20943-5", "CD", "ISO/IEC TR"),
    ("ISO/IEC PDTS 19583-24", "ISO/IEC CD TS 19583-24", "CD", "ISO/IEC TS"),
    ("ISO/DTS 14072", "ISO/DTS 14072", "DTS", "ISO/TS"),
    ("ISO/PRF 6709", "ISO/PRF 6709", "PRF", "ISO"),
    ("ISO/PWI 24000", "ISO/PWI 24000", "PWI", "ISO"),
    ("ISO/NWIP 37005", "ISO/NP 37005", "NP", "ISO"),
    ("ISO/IEC DGuide 51", "ISO/IEC DGuide 51", "DGuide", "ISO/IEC Guide"),
    ("ISO DGUIDE 84", "ISO/DGuide 84", "DGuide", "ISO Guide"),
    ("AWI IWA 48", "ISO/AWI IWA 48", "AWI", "IWA"),
    ("IEC/CDV 61850-7-4", "IEC CDV 61850-7-4", "CDV", "IEC"),
])  # fmt: skip
def test_stages_in_pubid_and_older_spellings_read_as_one_canonical_form(text, canonical, stage, prefix):
    ident = parse(text)
    assert (ident.canonical, ident.stage, ident.prefix) == (canonical, stage, prefix)


@pytest.mark.parametrize(("text", "canonical", "stage", "kind"), [
    ("ISO 9001:2015/DAM 1", "ISO 9001:2015/DAmd 1", "DAmd", "amd"),
    ("ISO 9001:2015/DIS Amd 1", "ISO 9001:2015/DAmd 1", "DAmd", "amd"),
    ("ISO 9001:2015/FDAM 1", "ISO 9001:2015/FDAmd 1", "FDAmd", "amd"),
    ("ISO 9001:2015/PDAM 1", "ISO 9001:2015/CD Amd 1", "CD", "amd"),
    ("ISO 9001:2015/CD Amd 1", "ISO 9001:2015/CD Amd 1", "CD", "amd"),
    ("ISO 9001:2015/WD Amd 1", "ISO 9001:2015/WD Amd 1", "WD", "amd"),
    ("ISO 9001:2015/NP Amd 1", "ISO 9001:2015/NP Amd 1", "NP", "amd"),
    ("ISO 9001:2015/DAmd 1", "ISO 9001:2015/DAmd 1", "DAmd", "amd"),
    ("ISO 9001:2015/FPDAM 1", "ISO 9001:2015/DAmd 1", "DAmd", "amd"),
    ("ISO 9001:2015/PDCOR 1", "ISO 9001:2015/CD Cor 1", "CD", "cor"),
    ("ISO 9001:2015/DIS Cor 1", "ISO 9001:2015/DCor 1", "DCor", "cor"),
    ("ISO/IEC Guide 98-3/NP Suppl 4", "ISO/IEC Guide 98-3/NP Suppl 4", "NP", "suppl"),
])  # fmt: skip
def test_stage_prefixes_on_amendments(text, canonical, stage, kind):
    ident = parse(text)
    assert (ident.canonical, ident.stage, ident.supplements[-1].kind) == (canonical, stage, kind)


def test_supplements_addenda_and_extensions_keep_their_kind():
    assert parse("ISO/R 947:1969/Add 1:1969").supplements == (Supplement("add", "1", 1969),)
    assert parse("ISO 3758:1991/Suppl:1993").supplements == (Supplement("suppl", "", 1993),)
    assert parse("ISO 1101:1983/Ext 1:1983").supplements == (Supplement("ext", "1", 1983),)
    assert parse("ISO/IEC Guide 98-3:2008/Suppl 1:2008/Cor 1:2009").supplements == (
        Supplement("suppl", "1", 2008), Supplement("cor", "1", 2009))  # fmt: skip


def test_a_consolidated_version_lists_its_amendments_in_order():
    ident = parse("IEC 60601-1:2005+AMD1:2012+AMD2:2020 CSV")
    assert ident.supplements == (Supplement("csv", "1", 2012), Supplement("csv", "2", 2020))
    assert ident.vap is None  # CSV is implied by "+AMD"
    alone = parse("IEC 60061-1:2005 CSV")
    assert (alone.vap, alone.supplements, alone.canonical) == ("CSV", (), "IEC 60061-1:2005 CSV")


@pytest.mark.parametrize("vap", ["RLV", "CMV", "EXV", "SER", "PAC", "PRV", "DB"])
def test_every_iec_value_added_version_is_an_attribute(vap):
    ident = parse(f"IEC 61010-1:2010 {vap.lower()}")
    assert (ident.vap, ident.canonical) == (vap, f"IEC 61010-1:2010 {vap}")


def test_the_dated_reference_drops_edition_languages_and_presentation_versions_only():
    assert parse("ISO 9001:2015 Ed.5 (E)").dated == "ISO 9001:2015"
    assert parse("IEC 60335-1:2020 RLV").dated == "IEC 60335-1:2020"
    assert parse("IEC 60034:2022 SER").dated == "IEC 60034:2022 SER"  # a series is another publication
    assert parse("IEC 60601-1:2005+AMD1:2012 CSV ED3.1").dated == "IEC 60601-1:2005+AMD1:2012 CSV"
    assert parse("GB/T 19001-2016/ISO 9001:2015").dated == "GB/T 19001-2016/ISO 9001:2015"


@pytest.mark.parametrize(("text", "publishers"), [
    ("ISO/IEC/IEEE 8802-3:2021", ("ISO", "IEC", "IEEE")),
    ("IEEE/ISO/IEC 29119-1-2021", ("IEEE", "ISO", "IEC")),
    ("ISO/CEI 27001:2022", ("ISO", "IEC")),
    ("ISO/HL7 10781:2015", ("ISO", "HL7")),
    ("IEC/IEEE 82079-1:2019", ("IEC", "IEEE")),
    ("ISO 9001:2015", ()),
])  # fmt: skip
def test_co_publishers_in_the_order_written(text, publishers):
    assert parse(text).co_publishers == publishers


@pytest.mark.parametrize(("text", "number", "part"), [
    ("ISO 105-A02:1993", "105", "A02"), ("ISO 105 B02:2014", "105", "B02"),
    ("ISO/IEC/IEEE 8802-1Q:2020", "8802", "1Q"), ("IEC 62087-BD:2011", "62087", "BD"),
    ("IEC 60034-1-AMD", "60034", "1-AMD"), ("IEC 60695-2-1/1:1994", "60695", "2-1/1"),
    ("ISO 5843/6:1985", "5843", "6"), ("ISO/R 657/V-1968", "657", "5"), ("IEC 60050(191):1990", "60050", "191"),
    ("IEC 529:1989", "60529", None), ("IEC 1000-4-2:1995", "61000", "4-2"), ("CISPR 16-1-1:2019", "16", "1-1"),
    ("IEC Guide 104:2019", "104", None), ("IEC/ISO 31010:2019", "31010", None),
])  # fmt: skip
def test_parts_with_letters_old_notations_and_old_iec_numbers(text, number, part):
    ident = parse(text)
    assert (ident.number, ident.part) == (number, part)


def test_an_idf_joint_number_is_kept_with_the_iso_number():
    ident = parse("ISO 8968-1:2014|IDF 20-1:2014")
    assert (ident.joint_number, ident.canonical) == ("IDF 20-1:2014", "ISO 8968-1:2014 | IDF 20-1:2014")


def test_cispr_is_an_iec_series_with_iec_amendments():
    ident = parse("CISPR 11:2015/A1:2016")
    assert (ident.tier, ident.prefix, ident.canonical) == (Tier.INTERNATIONAL, "CISPR", "CISPR 11:2015/AMD1:2016")
    assert parse("CISPR TR 16-3:2020 RLV").prefix == "CISPR TR"


def test_double_numbers_accept_every_form_for_the_adopted_half():
    ident = parse("GB/T 4208-2017 (IEC 60529:1989+AMD1:1999+AMD2:2013 CSV, IDT)")
    assert ident.adopted == parse("IEC 60529:1989+AMD1:1999+AMD2:2013 CSV")
    assert parse("GB/T 250-2008/ISO 105-A02:1993").adopted.part == "A02"
    assert parse("GB 4706.1-1998 idt IEC 335-1:1991").adopted.number == "60335"


def test_editions_languages_and_versions_sort_after_the_same_reference():
    texts = ["ISO 9001:2015(fr)", "ISO 9001:2015 ED5", "ISO 9001:2015", "ISO 9001:2008", "ISO/DIS 9001.2",
             "ISO/DIS 9001"]  # fmt: skip
    ordered = sorted(texts, key=sort_key)
    assert ordered[:2] == ["ISO/DIS 9001", "ISO/DIS 9001.2"] and ordered[2] == "ISO 9001:2008"
    assert ordered[3] == "ISO 9001:2015"


def test_the_chinese_fast_path_is_untouched_and_old_iec_numbers_leave_it():
    table = prefix_table(default_tables())
    assert fast_parse("GB/T 19001-2016/ISO 9001:2015", table).canonical == "GB/T 19001-2016/ISO 9001:2015"
    assert fast_parse("DB33/T 1303-2023", table) is not None
    assert fast_parse("IEC 529:1989", table) is None  # read by the full parser as IEC 60529:1989
    assert fast_parse("ISO 9001:2015(E)", table) is None


@pytest.mark.parametrize(("text", "edition"), [
    ("IEC 61000-4-2:2008 (Ed. 2.0)", "2"), ("IEC 61000-4-2:2008(ed2.0)", "2"), ("IEC 62368-1:2014 (Second Edition)", "2"),
    ("IEC 62368-1:2018 (3rd Edition)", "3"), ("IEC 60529:2013 (Edition 2.2)", "2.2"),
])  # fmt: skip
def test_an_edition_in_brackets_as_test_reports_write_it(text, edition):
    assert parse(text).edition == edition


def test_a_european_adoption_is_refused_naming_the_iso_publication_it_adopts():
    with pytest.raises(IdentifierError) as caught:
        parse("BS EN ISO 9001:2015")
    error = caught.value
    assert (error.code, error.params) == ("regional_adoption", {"prefix": "BS EN", "adopted": "ISO 9001:2015"})
    with translation.override("zh-hans"):
        assert "请填写 ISO 9001:2015" in identifier_message(error)


@pytest.mark.parametrize(("text", "canonical"), [
    ("ИСО/МЭК ТО 19791:2008", "ISO/IEC TR 19791:2008"),
    ("ИСО/ПМС 1956/2", "ISO/DIS 1956-2"),
    ("ИСО/ОПМС 26000:2010(R)", "ISO/FDIS 26000:2010(ru)"),
    ("Руководство ИСО/МЭК 76", "ISO/IEC Guide 76"),
    ("Guide ISO/CEI 37:1995", "ISO/IEC Guide 37:1995"),
    ("GUIDE ISO/CEI 71:2001(F)", "ISO/IEC Guide 71:2001(fr)"),
    ("WD/ISO 10360-5:2000", "ISO/WD 10360-5:2000"),
    ("ISO/OECD 789-10:2006", "ISO/OECD 789-10:2006"),
    ("ISO 105/F", "ISO 105-F"),
])  # fmt: skip
def test_russian_french_order_stage_first_and_old_spellings_read_as_iso(text, canonical):
    ident = parse(text)
    assert ident.canonical == canonical and parse(canonical) == ident


def test_a_joint_iso_iec_publication_has_consolidated_versions_too():
    ident = parse("ISO/IEC 11801:2002+AMD1:2008+AMD2:2010 CSV")
    assert ident.supplements == (Supplement("csv", "1", 2008), Supplement("csv", "2", 2010))
    assert ident.canonical == "ISO/IEC 11801:2002+AMD1:2008+AMD2:2010 CSV"


def test_a_draft_amendment_of_an_undated_draft_keeps_both_stages():
    ident = parse("ISO/IEC DIS 23008-1/DAM 2:2021(E)")
    assert (ident.base_stage, ident.stage, ident.supplements) == ("DIS", "DAmd", (Supplement("amd", "2", 2021),))
    assert ident.canonical == "ISO/IEC DIS 23008-1/DAmd 2:2021(en)" and parse(ident.canonical) == ident
    assert parse("ISO/IEC FDIS 23009-1/WD Amd 2").canonical == "ISO/IEC FDIS 23009-1/WD Amd 2"
    assert ident.undated == "ISO/IEC 23008-1"
    for text in ("ISO/DIS 9001:2015/DAmd 1", "ISO/DIS 9001/Amd 1:2020"):  # a dated draft; a published amendment
        with pytest.raises(IdentifierError):
            parse(text)


@pytest.mark.parametrize(("text", "code", "says"), [
    ("100/3705(F)/FDIS", "committee_document", ["IEC TC 100", "工作文件"]),
    ("SyCSmartEnergy/158/Q", "committee_document", ["IEC SyC SMARTENERGY", "工作文件"]),
    ("IEC SyC AAL/12/CD", "committee_document", ["IEC SyC AAL 的工作文件"]),
    ("IEC TC 57/2100/CD", "committee_document", ["IEC TC 57 的工作文件"]),
    ("IEC SC 65A/1234(F)/FDIS", "committee_document", ["IEC SC 65A 的工作文件"]),
    ("ISO/IEC JTC 1/SC 27/2345", "committee_document", ["ISO/IEC JTC 1/SC 27 的工作文件"]),
    ("ISO/IEC JTC 1/SC 7", "committee", ["委员会的名称"]),
    ("CIS/D/468A/CC", "committee_document", ["CISPR/D", "工作文件"]),
    ("JTC1-SC41/250/RVC", "committee_document", ["ISO/IEC JTC 1/SC 41"]),
    ("100/3644", "committee_document", ["IEC TC 100"]),
    ("ISO/IEC JTC 1 DIR", "directives", ["导则"]),
    ("ISO/IEC DIR JTC 1 SUP:2021", "directives", ["导则"]),
    ("FprISO 10140-4", "regional_adoption", ["Fpr", "ISO 10140-4"]),
    ("JCGM 200:2008(F)", "other_publisher", ["JCGM", "不是 ISO/IEC 标准"]),
    ("CEN/TS 15370-1:2006", "other_publisher", ["CEN"]),
    ("IECQ OD 3405:2017", "conformity_assessment", ["IECQ", "合格评定"]),
    ("IEC CA 01:2020 CSV", "conformity_assessment", ["IEC CA", "合格评定"]),
])  # fmt: skip
def test_what_is_not_an_iso_iec_publication_is_refused_saying_what_it_is(text, code, says):
    with pytest.raises(IdentifierError) as caught:
        parse(text)
    assert caught.value.code == code
    with translation.override("zh-hans"):
        message = identifier_message(caught.value)
    for part in says:
        assert part in message, message


def test_unknown_cyrillic_text_keeps_the_grammar_error():
    with pytest.raises(IdentifierError) as caught:
        parse("ГОСТ 12345-2000")
    assert caught.value.code == "standard_code"
