"""Separation of duties (三权分立) among the three administrative roles, as a pure rule.

GB/T 22239-2019 asks that system administration, security administration and audit be held by different
people (8.1.4.2 d, 8.1.10.2-4). Our rule: nobody holds all three roles, and a system administrator is never an
auditor (the one who runs the system does not read the record of how it was run). A security administrator may
also be a system administrator or an auditor, so that small deployments can staff the three roles with two
people.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    SYSTEM_ADMINISTRATOR = "system_administrator"
    SECURITY_ADMINISTRATOR = "security_administrator"
    AUDITOR = "auditor"


class Violation(StrEnum):
    ALL_THREE = "all_three_roles"
    SYSTEM_ADMINISTRATOR_AUDITS = "system_administrator_auditor"


def violation(roles: Iterable[str]) -> Violation | None:
    """What is wrong with one person holding ``roles`` (None: nothing)."""
    held = {Role(role) for role in roles}
    if held == set(Role):
        return Violation.ALL_THREE
    if {Role.SYSTEM_ADMINISTRATOR, Role.AUDITOR} <= held:
        return Violation.SYSTEM_ADMINISTRATOR_AUDITS
    return None
