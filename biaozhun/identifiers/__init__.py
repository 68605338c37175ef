"""Parse, normalise, format and sort Chinese standard numbers of every tier and ISO/IEC identifiers.

Pure Python: no Django import here. See parser.py for the grammar and README.md for the decisions.
"""

from .api import parse
from .enums import Nature, Tier
from .formatting import format_identifier
from .model import ERROR_CODES, NO_SUFFIXES, Identifier, IdentifierError, Suffixes, Supplement
from .normalise import normalise
from .ranges import expand_part_range
from .sorting import sort_key
from .tables import CodeTables, default_tables

__all__ = [
    "ERROR_CODES",
    "CodeTables",
    "Identifier",
    "IdentifierError",
    "NO_SUFFIXES",
    "Nature",
    "Suffixes",
    "Supplement",
    "Tier",
    "default_tables",
    "expand_part_range",
    "format_identifier",
    "normalise",
    "parse",
    "sort_key",
]
