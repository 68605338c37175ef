"""parse(): fast path first, then normalise and the full parser."""

from __future__ import annotations

from .fastpath import fast_parse, prefix_table
from .model import Identifier
from .normalise import normalise
from .parser import Parser
from .tables import CodeTables, default_tables


def parse(text: str, tables: CodeTables | None = None) -> Identifier:
    """Parse one identifier; raises IdentifierError (a ValueError) on anything malformed or unknown."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    if tables is None:
        tables = default_tables()
    table = prefix_table(tables)
    ident = fast_parse(text, table)
    if ident is not None:
        return ident
    clean = normalise(text)
    if clean != text:
        ident = fast_parse(clean, table)
        if ident is not None:
            return ident
    return Parser(clean, tables).parse()


def parse_full(text: str, tables: CodeTables | None = None) -> Identifier:
    """The full parser alone, without the fast path (for tests and benchmarks)."""
    return Parser(normalise(text), tables or default_tables()).parse()
