"""Who owns a flagged thing, found for a whole batch at once (a few queries per batch, remembered across batches).

The rule (decision 0031; the order per tier is biaozhun/rules/propagation.py's OWNER_ORDER):

- a catalogue standard: an industry or local standard its filing authority (the ministry or bureau that filed it),
  else its code's ministry / its region's bureau; a national standard the secretariat of its 归口 committee (a
  subcommittee's, else its parent TC's), else its competent department (主管部门, by name); a group standard its
  social organisation (by group code); an enterprise standard its enterprise (by enterprise code);
- a filing under review: its filing authority;
- a declaration: the enterprise that declared;
- a development project: its committee's secretariat;
- implementation feedback: the organisation handling it (assigned, else the one overseeing it, else the
  secretariat of the standard's committee);
- and whatever has none of these: the national administration, so that nothing is flagged to nobody.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from biaozhun.accounts.codes import normalise_region_code, normalise_tc_code
from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.rules.propagation import Candidate, choose_owner


class Owners:
    """Lookups with memory: one instance per propagation run."""

    def __init__(self) -> None:
        self._secretariats: dict[str, int | None] = {}
        self._industry: dict[str, int | None] = {}
        self._departments: dict[str, int | None] = {}
        self._bureaus: dict[str, int | None] = {}
        self._groups: dict[str, int | None] = {}
        self._enterprises: dict[str, int | None] = {}
        self._national: list[int | None] = []

    # --- one kind of candidate each, for many keys -----------------------------------------------------------
    def national_administration(self) -> int | None:
        if not self._national:
            self._national.append(Organisation.objects.filter(kind=OrganisationKind.NATIONAL_ADMINISTRATION)
                                  .order_by("pk").values_list("pk", flat=True).first())
        return self._national[0]

    def secretariats(self, codes: Iterable[str]) -> dict[str, int | None]:
        """TC code → its secretariat: the committee's, else an organisation holding the code; a subcommittee
        without one falls to its parent TC's."""
        wanted = {normalise_tc_code(c) for c in codes if c} - set(self._secretariats)
        wanted |= {c.split("/SC ")[0] for c in wanted if "/SC " in c} - set(self._secretariats)
        if wanted:
            from biaozhun.committees.models import Committee

            found = dict(Committee.objects.filter(code__in=wanted, secretariat__isnull=False)
                         .values_list("code", "secretariat_id"))
            for code, pk in (Organisation.objects.filter(kind=OrganisationKind.TC_SECRETARIAT, tc_code__in=wanted)
                             .order_by("pk").values_list("tc_code", "pk")):
                found.setdefault(code, pk)
            self._secretariats.update({code: found.get(code) for code in wanted})
        return self._secretariats

    def secretariat_of(self, code: str) -> int | None:
        code = normalise_tc_code(code or "")
        if not code:
            return None
        found = self.secretariats([code])
        return found.get(code) or (found.get(code.split("/SC ")[0]) if "/SC " in code else None)

    def industry_owners(self, codes: Iterable[str]) -> dict[str, int | None]:
        """Industry code → the ministry that owns it (filing's table), else a department holding the code."""
        wanted = {c.upper() for c in codes if c} - set(self._industry)
        if wanted:
            from biaozhun.filing.models import IndustryCodeOwner

            found = dict(IndustryCodeOwner.objects.filter(code__in=wanted).values_list("code", "organisation_id"))
            for code, pk in (Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT,
                                                         industry_code__in={c[:2] for c in wanted})
                             .order_by("pk").values_list("industry_code", "pk")):
                for wanted_code in wanted:
                    if wanted_code[:2] == code:
                        found.setdefault(wanted_code, pk)
            self._industry.update({code: found.get(code) for code in wanted})
        return self._industry

    def departments(self, names: Iterable[str]) -> dict[str, int | None]:
        """A competent department (主管部门) by its name."""
        wanted = {n.strip() for n in names if n and n.strip()} - set(self._departments)
        if wanted:
            found = {}
            for name, pk in (Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT, name__in=wanted)
                             .order_by("pk").values_list("name", "pk")):
                found.setdefault(name, pk)
            self._departments.update({name: found.get(name) for name in wanted})
        return self._departments

    def bureaus(self, codes: Iterable[str]) -> dict[str, int | None]:
        """Region code → its bureau: the city's, else its province's."""
        wanted = {normalise_region_code(c) for c in codes if c}
        wanted |= {c[:2] for c in wanted}
        missing = wanted - set(self._bureaus)
        if missing:
            found = {}
            for code, pk in (Organisation.objects.filter(kind=OrganisationKind.BUREAU, region_code__in=missing)
                             .order_by("pk").values_list("region_code", "pk")):
                found.setdefault(code, pk)
            self._bureaus.update({code: found.get(code) for code in missing})
        return self._bureaus

    def bureau_of(self, code: str) -> int | None:
        code = normalise_region_code(code or "")
        if not code:
            return None
        found = self.bureaus([code])
        return found.get(code) or found.get(code[:2])

    def publishers(self, codes: Iterable[str]) -> dict[str, int | None]:
        """Group code → the social organisation registered with it."""
        wanted = {c.upper() for c in codes if c} - set(self._groups)
        if wanted:
            from biaozhun.groups.models import GroupProfile

            found = {code.upper(): pk for code, pk in
                     GroupProfile.objects.filter(code__in=wanted).values_list("code", "organisation_id")}
            self._groups.update({code: found.get(code) for code in wanted})
        return self._groups

    def enterprises(self, codes: Iterable[str]) -> dict[str, int | None]:
        """Enterprise code (企业标准代号) → the enterprise."""
        wanted = {c for c in codes if c} - set(self._enterprises)
        if wanted:
            from biaozhun.declarations.models import EnterpriseProfile

            found = dict(EnterpriseProfile.objects.filter(standard_code__in=wanted)
                         .values_list("standard_code", "organisation_id"))
            self._enterprises.update({code: found.get(code) for code in wanted})
        return self._enterprises

    # --- owners of citing standards ----------------------------------------------------------------------------
    def of_standards(self, standards: list[dict[str, Any]]) -> dict[int, int | None]:
        """Standard id → owner, for rows holding pk, tier, tc_code, industry_code, region_code, org_code and
        competent_department."""
        from biaozhun.filing.models import Filing, FilingState

        filed = dict(Filing.objects.filter(standard_id__in=[s["pk"] for s in standards if s["tier"] in (
            "industry", "local")], state=FilingState.ACCEPTED).values_list("standard_id", "authority_id"))
        self.secretariats(s["tc_code"] for s in standards)
        industry = self.industry_owners(s["industry_code"] for s in standards if s["tier"] == "industry")
        departments = self.departments(s["competent_department"] for s in standards)
        self.bureaus(s["region_code"] for s in standards if s["tier"] == "local")
        groups = self.publishers(s["org_code"] for s in standards if s["tier"] == "group")
        enterprises = self.enterprises(s["org_code"] for s in standards if s["tier"] == "enterprise")
        top = self.national_administration()
        owners = {}
        for s in standards:
            department = industry.get((s["industry_code"] or "").upper()) if s["tier"] == "industry" else None
            found = {
                Candidate.FILING_AUTHORITY: filed.get(s["pk"]),
                Candidate.TC_SECRETARIAT: self.secretariat_of(s["tc_code"]),
                Candidate.COMPETENT_DEPARTMENT: department or departments.get((s["competent_department"] or "").strip()),
                Candidate.REGION_BUREAU: self.bureau_of(s["region_code"]) if s["tier"] == "local" else None,
                Candidate.PUBLISHER: groups.get((s["org_code"] or "").upper()),
                Candidate.ENTERPRISE: enterprises.get(s["org_code"] or ""),
                Candidate.NATIONAL_ADMINISTRATION: top,
            }
            owners[s["pk"]] = choose_owner(s["tier"], found)
        return owners

    def of_committees(self, committee_ids: Iterable[int]) -> dict[int, int | None]:
        """Committee id → its secretariat (the committee's own, else by its code), else the national administration."""
        from biaozhun.committees.models import Committee

        rows = list(Committee.objects.filter(pk__in=set(committee_ids)).values_list("pk", "code", "secretariat_id"))
        self.secretariats(code for _pk, code, _secretariat in rows)
        top = self.national_administration()
        return {pk: secretariat or self.secretariat_of(code) or top for pk, code, secretariat in rows}
