"""Property tests: round trips, fixed points, normalisation, fast path == full parser, sort order."""

import json
import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from biaozhun.identifiers import IdentifierError, format_identifier, normalise, parse, sort_key
from biaozhun.identifiers.__main__ import run
from biaozhun.identifiers.api import parse_full
from biaozhun.identifiers.fastpath import fast_parse, prefix_table

from .strategies import TABLES, identifiers

# IDENTIFIER_EXAMPLES=20000 for a longer soak run
SETTINGS = settings(
    max_examples=int(os.environ.get("IDENTIFIER_EXAMPLES", "400")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Text close to identifiers: mutations of canonical forms and free mixes of the characters they use.
noise = st.text(alphabet="GBTZJDQISOECAMR/ -—.:+()（）0123456789一　ｇｂ／《》。;", max_size=30)


@st.composite
def mutated(draw) -> str:
    text = format_identifier(draw(identifiers))
    for _ in range(draw(st.integers(0, 3))):
        if not text:
            break
        pos = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["delete", "insert", "lower", "dash", "space"]))
        if op == "delete":
            text = text[:pos] + text[pos + 1 :]
        elif op == "insert":
            text = text[:pos] + draw(st.sampled_from(list("/- .:0A(）T"))) + text[pos:]
        elif op == "lower":
            text = text.lower()
        elif op == "dash":
            text = text.replace("-", draw(st.sampled_from(["—", "–", "－", "一"])), 1)
        else:
            text = text.replace(" ", "", 1)
    return text


@SETTINGS
@given(identifiers)
def test_parse_of_format_is_identity(value) -> None:
    text = format_identifier(value)
    assert parse(text) == value, text
    assert parse(text).canonical == text
    assert hash(parse(text)) == hash(value)


@SETTINGS
@given(identifiers)
def test_canonical_is_a_fixed_point_and_stays_canonical_through_noise(value) -> None:
    canonical = value.canonical
    assert parse(canonical).canonical == canonical
    noisy = canonical.replace("-", "—", 1).replace("/", "／", 1)
    assert parse(noisy).canonical == canonical
    assert parse(canonical.lower()).canonical == canonical
    assert parse(f"  {canonical}。").canonical == canonical


@SETTINGS
@given(st.one_of(noise, st.text(max_size=20), mutated()))
@example("ＧＢ／Ｔ　１９００１－２０１６")
@example("《《标题》》GB 1-2000")
@example("a - - b")
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@SETTINGS
@given(st.one_of(noise, mutated(), identifiers.map(format_identifier)))
@example("DB441989-2017")
@example("DB4419-2017")
@example("GB2760-86")
@example("T/CA5115-2005")
@example("DB 15/ISO 9001:2015")
@example("GB 2760-04")
def test_fast_path_agrees_with_full_parser(text: str) -> None:
    """parse() (fast path first) and the full parser give the same value or the same error."""
    try:
        full = parse_full(text)
    except IdentifierError as exc:
        try:
            parse(text)
        except IdentifierError as again:
            assert (again.position, again.expected) == (exc.position, exc.expected)
        else:
            raise AssertionError(f"fast path accepted {text!r}") from None
    else:
        assert parse(text) == full
    fast = fast_parse(text, prefix_table(TABLES))
    if fast is not None:
        assert normalise(text) == text and fast == full


@SETTINGS
@given(st.one_of(noise, mutated(), st.text(max_size=40)))
def test_parse_raises_only_identifier_errors(text: str) -> None:
    try:
        ident = parse(text)
    except IdentifierError as exc:
        assert 0 <= exc.position <= len(normalise(text))
        assert str(exc).startswith(f"at position {exc.position}: ")
    else:
        assert parse(ident.canonical) == ident


@SETTINGS
@given(st.lists(identifiers, min_size=2, max_size=4))
def test_sort_key_is_a_total_order(values) -> None:
    ordered = sorted(values, key=sort_key)
    keys = [sort_key(v) for v in ordered]
    assert keys == sorted(keys)
    assert all((sort_key(a) == sort_key(b)) == (a == b) for a in values for b in values)


@SETTINGS
@given(st.lists(st.one_of(noise, mutated(), st.text(max_size=40)), max_size=5))
def test_command_line_never_fails_on_any_line(lines: list[str]) -> None:
    rows = [json.loads(line) for line in run(line + "\n" for line in lines)]
    assert len(rows) == sum(1 for line in lines if line.rstrip("\r\n").strip())
    for row in rows:
        assert row["ok"] in (True, False)
        assert ("canonical" in row) == row["ok"] and ("error" in row) != row["ok"]
