"""The national-scale scene of bench/bench_propagation.py, written in bulk (as a migration of legacy records would):

- the catalogue's four Chinese tiers at their end-2023 sizes (44,499 national, 80,828 industry, 69,709 local,
  74,240 group editions), each citing three national editions (dated or not): ~808k normative references;
- GB/T 47777-2010 (replacing GB/T 47777-2000), cited by `citing` editions of every tier, two thirds dated, one third
  by its undated number;
- the owners: 1,338 committees (550 TC, 766 SC, 22 SWG) with a secretariat and its secretary each, 30 ministries
  owning 40 industry codes, the 31 provincial and 51 city bureaus, 600 social organisations with their group
  codes, 5,000 accepted filings of industry and local editions, each organisation with one person to email;
- and the other things that cite it: 300 filings under review (a third citing it), 3,000 enterprises declaring
  it, 200,000 declarations of enterprise standards with their reference standards (1 % naming it), 30 projects
  revising it, 200 open feedback items on it (and 100 answered).
"""

from __future__ import annotations

import random
from datetime import date, datetime

TARGET, OLD = "GB/T 47777-2010", "GB/T 47777-2000"
SIZES = {"national": 44_499, "industry": 80_828, "local": 69_709, "group": 74_240}
INDUSTRY_CODES = ["JB", "QC", "YD", "SJ", "HG", "SH", "NY", "SC", "LY", "QB", "FZ", "YY", "JT", "TB", "DL", "NB",
                  "SY", "MT", "YB", "YS", "JC", "JG", "CJ", "GA", "WS", "HJ", "AQ", "MH", "YZ", "SN", "WB", "SB",
                  "DZ", "CY", "LS", "GY", "XF", "JR", "BB", "CB"]
PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
             "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"]
GROUPS = 600


def _standard(Standard, encode_sort_key, edition_key, parse, text, *, tier, tc="", department="", now):
    ident = parse(text)
    return Standard(
        identifier=ident.canonical, edition=edition_key(ident), undated=ident.undated, series=ident.series,
        sort_key=encode_sort_key(ident), tier=tier, nature="recommended" if "/T" in text else "", prefix=ident.prefix,
        industry_code=ident.industry_code or "", region_code=ident.region_code or "", org_code=ident.org_code or "",
        number=ident.number, part=ident.part or "", year=ident.year, title_zh=f"标准 {ident.number}",
        tc_code=tc, competent_department=department, published_on=date(ident.year, 3, 1),
        implemented_on=date(ident.year, 10, 1), status="current", created_at=now, updated_at=now)


def build(*, citing: int, log) -> dict:
    """Write the scene; returns the names the measurement needs."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from biaozhun.accounts.models import Membership, MembershipRole, Organisation, OrganisationKind, User
    from biaozhun.catalog.models import RelationKind, Standard, StandardRelation
    from biaozhun.catalog.records import edition_key, encode_sort_key
    from biaozhun.committees.models import Committee
    from biaozhun.core.bulk import insert_rows
    from biaozhun.datagen.feedback import committees
    from biaozhun.identifiers import parse

    call_command("seed_reference", verbosity=0)
    rng = random.Random(2019)
    now = timezone.make_aware(datetime(2026, 11, 20, 12, 0))
    make = lambda text, **kw: _standard(Standard, encode_sort_key, edition_key, parse, text, now=now, **kw)  # noqa: E731
    password = make_password(None)

    with transaction.atomic():
        top = Organisation.objects.create(kind=OrganisationKind.NATIONAL_ADMINISTRATION, name="国家标准化管理委员会")
        codes = committees()
        offices = Organisation.objects.bulk_create([
            Organisation(kind=OrganisationKind.TC_SECRETARIAT, tc_code=code, name=f"{code} 秘书处") for code in codes])
        Committee.objects.bulk_create([
            Committee(code=code, kind="SC" if "/SC " in code else ("SWG" if "SWG" in code else "TC"),
                      name_zh=f"全国第{n + 1}标准化技术委员会", secretariat=office)
            for n, (code, office) in enumerate(zip(codes, offices, strict=True))])
        ministries = Organisation.objects.bulk_create([
            Organisation(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, name=f"第{n + 1}部") for n in range(30)])
        from biaozhun.filing.models import IndustryCodeOwner

        IndustryCodeOwner.objects.bulk_create([IndustryCodeOwner(code=code, organisation=ministries[n % 30])
                                               for n, code in enumerate(INDUSTRY_CODES)])
        cities = [f"{p}{c:02d}" for p in PROVINCES[:20] if p not in ("11", "12", "31") for c in (1, 2, 3)]
        bureaus = Organisation.objects.bulk_create([
            Organisation(kind=OrganisationKind.BUREAU, region_code=code, name=f"{code} 市场监督管理局")
            for code in PROVINCES + cities])
        groups = _groups(Organisation, OrganisationKind)
        everyone = [*offices, *ministries, *bureaus, *groups, top]
        users = User.objects.bulk_create([
            User(username=f"u{o.pk}", email=f"u{o.pk}@bench.test", real_name=f"联系人{o.pk}", password=password)
            for o in everyone])
        Membership.objects.bulk_create([
            Membership(user=u, organisation=o, role=MembershipRole.SECRETARY
                       if o.kind == OrganisationKind.TC_SECRETARIAT else MembershipRole.ADMIN)
            for u, o in zip(users, everyone, strict=True)])
    log(f"owners: {len(everyone):,} organisations, each with one person")

    numbers = iter(range(50_000, 10_000_000))  # GB/T 47777 is the target alone
    editions: list[Standard] = []
    with transaction.atomic():
        for tier, count in SIZES.items():
            batch = []
            for _ in range(count):
                n, year = next(numbers), rng.randint(2005, 2024)
                if tier == "national":
                    text, extra = f"GB/T {n}-{year}", {"tc": rng.choice(codes)}
                elif tier == "industry":
                    text, extra = f"{rng.choice(INDUSTRY_CODES)}/T {n}-{year}", {}
                elif tier == "local":
                    text, extra = f"DB{rng.choice(PROVINCES + cities)}/T {n}-{year}", {}
                else:
                    text, extra = f"T/{groups[rng.randrange(GROUPS)].name[-5:]} {n}-{year}", {}
                batch.append(make(text, tier=tier, **extra))
            Standard.objects.bulk_create(batch, batch_size=5000)
            editions += batch
            log(f"catalogue: {count:,} {tier} editions")
        target = make(TARGET, tier="national", tc=codes[7])
        old = make(OLD, tier="national", tc=codes[7])
        old.status, old.status_reason, old.status_by = "replaced", "replaced", TARGET
        Standard.objects.bulk_create([target, old])
        nationals = editions[:SIZES["national"]]
        relations = [(target.pk, RelationKind.REPLACES, OLD, OLD, old.pk, False, "")]
        for edition in editions:
            for cited in rng.sample(nationals, 3):
                if cited.pk == edition.pk:
                    continue
                dated = rng.random() < 0.5
                key = cited.edition if dated else cited.undated
                relations.append((edition.pk, RelationKind.REFERENCES, key, key, cited.pk, False, ""))
        chosen = rng.sample(editions, citing)
        for n, edition in enumerate(chosen):
            key = TARGET if n % 3 else "GB/T 47777"
            relations.append((edition.pk, RelationKind.REFERENCES, key, key, target.pk, False, ""))
        insert_rows(StandardRelation, ("source_id", "kind", "target_identifier", "target_key", "target_id", "partial",
                                       "degree"), relations)
    log(f"references: {len(relations):,}, {citing:,} of them to {TARGET}")

    _filings(rng, editions, ministries, bureaus, users, now)
    _declarations(rng, target, now)
    _projects_and_feedback(rng, target, codes, now)
    secretary = User.objects.get(memberships__organisation__tc_code=codes[7])
    return {"target": target.pk, "secretary": secretary.pk, "committee": codes[7],
            "citing_sample": chosen[0].identifier}


def _groups(Organisation, OrganisationKind):
    from stdnum.cn import uscc

    from biaozhun.groups.models import GroupProfile

    def code(n: int) -> str:
        body = f"51110000{n:09d}X"[:17]
        return body + uscc.calc_check_digit(body)

    organisations = Organisation.objects.bulk_create([
        Organisation(kind=OrganisationKind.SOCIAL_ORGANISATION, uscc=code(n), name=f"测试协会 G{n:04d}")
        for n in range(GROUPS)])
    GroupProfile.objects.bulk_create([
        GroupProfile(organisation=o, code=f"G{n:04d}", registration_authority="民政部", region_id="11",
                     province_id="11", industry_id="M", industry_section_id="M")
        for n, o in enumerate(organisations)])
    return organisations


def _filings(rng, editions, ministries, bureaus, users, now) -> None:
    from django.db import transaction

    from biaozhun.filing.models import Filing, FilingState

    by_province = {b.region_code: b for b in bureaus}
    submitter = users[0]
    filed = [e for e in editions if e.tier in ("industry", "local")]
    rows = []
    with transaction.atomic():
        for n, edition in enumerate(rng.sample(filed, 5000)):
            authority = (ministries[n % 30] if edition.tier == "industry"
                         else by_province.get(edition.region_code) or by_province[edition.region_code[:2]])
            rows.append(Filing(authority=authority, submitted_by=submitter, tier=edition.tier,
                               identifier=edition.identifier, edition=edition.edition,
                               industry_code=edition.industry_code, region_code=edition.region_code,
                               title_zh=edition.title_zh, approved_by=authority.name, notice_number=f"公告{n}",
                               state=FilingState.ACCEPTED, submitted_at=now, filing_number=f"B{n:07d}",
                               filing_year=2026, filing_sequence=n + 1, filed_on=now.date(), standard=edition,
                               standard_status="current"))
        for n in range(300):
            references = [TARGET if n % 3 == 0 else "GB/T 10001-2010", "GB/T 10002"]
            rows.append(Filing(authority=bureaus[n % 31], submitted_by=submitter, tier="local",
                               identifier=f"DB{bureaus[n % 31].region_code}/T {90000 + n}-2026",
                               edition=f"DB{bureaus[n % 31].region_code}/T {90000 + n}-2026",
                               region_code=bureaus[n % 31].region_code, title_zh="备案中的标准",
                               record={"references": references}, approved_by="局", notice_number=f"待{n}",
                               state=FilingState.SUBMITTED, submitted_at=now, filing_year=2026,
                               filing_sequence=100_000 + n))
        Filing.objects.bulk_create(rows, batch_size=2000)


def _declarations(rng, target, now) -> None:
    from stdnum.cn import uscc

    from biaozhun.accounts.models import Organisation, OrganisationKind
    from biaozhun.declarations.models import Declaration, StandardSource

    def code(n: int) -> str:
        body = f"91320100{n:09d}"
        return body + uscc.calc_check_digit(body)

    enterprises = Organisation.objects.bulk_create([
        Organisation(kind=OrganisationKind.ENTERPRISE, uscc=code(n), name=f"测试企业{n}有限公司") for n in range(3000)])
    rows = [Declaration(enterprise=e, region_code="320102", source=StandardSource.CATALOGUE, tier="national",
                        identifier=TARGET, undated="GB/T 47777", title="标准 47777", standard=target,
                        declared_at=now, updated_at=now) for e in enterprises]
    for n in range(200_000):
        references = [f"GB/T {rng.randint(50_000, 94_000)}-{rng.randint(2005, 2024)}"]
        if n % 100 == 0:
            references.append("GB/T47777-2010")
        rows.append(Declaration(enterprise=enterprises[n % 3000], region_code="320102",
                                source=StandardSource.ENTERPRISE, tier="enterprise",
                                identifier=f"Q/E{n % 3000} {n}-2024", undated=f"Q/E{n % 3000} {n}",
                                title="企业标准", reference_standards=references, declared_at=now, updated_at=now))
    Declaration.objects.bulk_create(rows, batch_size=5000)


def _projects_and_feedback(rng, target, codes, now) -> None:
    from biaozhun.committees.models import Committee
    from biaozhun.development.models import Project
    from biaozhun.feedback.models import Feedback

    committee = Committee.objects.get(code=codes[7])
    projects = Project.objects.bulk_create([
        Project(title_zh=f"修订项目{n}", kind="revision", nature="recommended", committee=committee,
                stage="drafting" if n < 30 else "published", created_at=now) for n in range(35)])
    Project.revises.through.objects.bulk_create([
        Project.revises.through(project_id=p.pk, standard_id=target.pk) for p in projects])
    Feedback.objects.bulk_create([
        Feedback(tracking_number=f"FK-BNCH-{n:04d}-AAA", standard=target, committee=committee, pseudonym=f"{n:08x}",
                 category="content", text="第 5 条不清楚。", state="routed" if n < 200 else "closed",
                 assigned_to=committee.secretariat, answer_due=date(2026, 12, 31), received_at=now, updated_at=now)
        for n in range(300)])
