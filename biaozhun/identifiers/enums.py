"""Tier and nature of a standard."""

from enum import StrEnum


class Tier(StrEnum):
    NATIONAL = "national"
    INDUSTRY = "industry"
    LOCAL = "local"
    GROUP = "group"
    ENTERPRISE = "enterprise"
    INTERNATIONAL = "international"


class Nature(StrEnum):
    MANDATORY = "mandatory"
    RECOMMENDED = "recommended"
    GUIDANCE = "guidance"
