"""The public side's rules: a published declaration's text is everyone's; a withdrawn one's is no one's."""

from tests.fixtures.policy import ALL, Fixture, Row

ROWS = [
    Row("declarations.read_text", Fixture("published_declaration_with_text"), ALL),
    Row("declarations.read_text", Fixture("withdrawn_declaration_with_text"), frozenset()),
    Row("declarations.read_text", Fixture("published_declaration_without_text"), frozenset()),
]
