"""Create the government departments that file industry standards, and the industry codes each owns, from
biaozhun/filing/data/industry_departments.csv (code, department, confidence, note). Idempotent: an existing
department (same name) is reused and a code already owned is left as administrators set it. Confidence S/U
values are to be verified (the note says what); administrators correct them in the admin afterwards."""

import csv
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from biaozhun.accounts.models import Organisation, OrganisationKind
from biaozhun.accounts.services import create_organisation
from biaozhun.core.actors import SYSTEM
from biaozhun.filing.models import IndustryCodeOwner
from biaozhun.reference.models import IndustryCode

DATA = Path(__file__).resolve().parents[2] / "data" / "industry_departments.csv"


class Command(BaseCommand):
    help = "Create the industry-standard filing departments and the codes each owns (from the bundled table)."

    @transaction.atomic
    def handle(self, *args, **options):
        codes_by_department: dict[str, list[str]] = defaultdict(list)
        with DATA.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                codes_by_department[row["department"]].append(row["code"])
        known = set(IndustryCode.objects.values_list("code", flat=True))
        created = owned = 0
        for department, codes in codes_by_department.items():
            codes = [code for code in codes if code in known]
            if not codes:
                continue
            organisation = Organisation.objects.filter(kind=OrganisationKind.GOVERNMENT_DEPARTMENT,
                                                       name=department).first()
            if organisation is None:
                primary = next((c for c in codes if not Organisation.objects.filter(industry_code=c).exists()),
                               codes[0])
                organisation = create_organisation(actor=SYSTEM, kind=OrganisationKind.GOVERNMENT_DEPARTMENT,
                                                   name=department, industry_code=primary, join_as_admin=False)
                created += 1
            for code in codes:
                _owner, made = IndustryCodeOwner.objects.get_or_create(code=code,
                                                                       defaults={"organisation": organisation})
                owned += made
        self.stdout.write(f"filing departments: {created} created, {owned} industry codes assigned")
