"""Every message a person reads is translated: a check over the source for messages raised to a user, put in a
form's errors or flashed on a page as bare text (a string literal or f-string not passed through gettext).

Internal codes (rule names, setting names) stay in logs and in the errors' data; the messages say what to do.
Operators' command-line tools (management commands) and the pure packages, which have no translations, are not
checked.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "biaozhun"
PURE = {"identifiers", "rules", "text", "datagen"}
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy", "gettext_noop"}
# Errors whose message reaches a person (pages, the API, import reports), besides the DomainError family found
# in the source: Django's form and permission errors, the catalogue's field and row errors, search errors.
USER_FACING = {"DomainError", "ValidationError", "PermissionDenied", "FieldError", "RowError", "SearchError"}
MESSAGE_FLASHES = {"success", "error", "warning", "info", "debug"}


def _is_translated(node: ast.AST) -> bool:
    """A call to gettext (possibly wrapped in str() or formatted with %): anything else literal is bare text."""
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in GETTEXT:
            return True
        if name in {"str", "format"}:
            target = node.args[0] if name == "str" and node.args else getattr(node.func, "value", None)
            return target is not None and _is_translated(target)
        return True  # some other function builds the text: judged where it is defined
    if isinstance(node, ast.BinOp):
        return _is_translated(node.left)
    if isinstance(node, ast.Constant):
        return not (isinstance(node.value, str) and node.value.strip())
    return not isinstance(node, ast.JoinedStr)  # a variable or attribute is checked where its text is written


def _message_argument(call: ast.Call) -> ast.AST | None:
    for keyword in call.keywords:
        if keyword.arg == "message":
            return keyword.value
    if _callee(call) == "PermissionDeniedError":  # (action, message=None): the action is a code, not a message
        return call.args[1] if len(call.args) > 1 else None
    return call.args[0] if call.args else None


def _callee(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")


def _checked_files(root: Path) -> list[Path]:
    paths = []
    for path in sorted(root.rglob("*.py")):
        parts = set(path.relative_to(root).parts)
        if not (parts & PURE or "migrations" in parts or "management" in parts):
            paths.append(path)
    return paths


def user_facing_errors(trees: list[ast.AST]) -> set[str]:
    """USER_FACING and every class defined in the source that derives from one of them."""
    bases: dict[str, set[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
    names = set(USER_FACING)
    while True:
        more = {name for name, parents in bases.items() if parents & names} - names
        if not more:
            return names
        names |= more


def bare_messages(root: Path = ROOT) -> list[str]:
    found = []
    parsed = [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in _checked_files(root)]
    errors = user_facing_errors([tree for _path, tree in parsed])
    for path, tree in parsed:
        for node in ast.walk(tree):
            where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                name = _callee(node)
                argument = None
                if name in errors:
                    argument = _message_argument(node)
                elif name in MESSAGE_FLASHES and isinstance(node.func, ast.Attribute) and \
                        getattr(node.func.value, "id", "") == "messages" and len(node.args) > 1:
                    argument = node.args[1]
                if argument is not None and not _is_translated(argument):
                    found.append(f"{where} {name}(...) with untranslated text")
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "message" and not _is_translated(value):
                        found.append(f"{where} {{'message': ...}} with untranslated text")
    return found


def test_no_message_a_person_reads_is_bare_text():
    assert bare_messages() == []


@pytest.mark.parametrize("source, bare", [
    ('class ValidationFailed(DomainError): pass\nraise ValidationFailed("The standard was not saved.")', True),
    ('raise ValueError("an internal error for the log")', False),
    ('class Stale(DomainError): pass\nraise Stale(f"{x} exists")', True),
    ('raise DomainError("%s exists" % x)', True),
    ('raise DomainError(_("标准未能保存。"))', False),
    ('raise DomainError(_("%(x)s 已存在") % {"x": x})', False),
    ('problems.append({"field": "code", "message": f"create {parent} first"})', True),
    ('problems.append({"field": "code", "message": _("请先创建上级委员会")})', False),
    ('messages.success(request, "Saved")', True),
    ('messages.success(request, _("已保存"))', False),
    ('raise forms.ValidationError("bad")', True),
    ('raise DomainError(message)', False),
    ('class PermissionDeniedError(DomainError): pass\nraise PermissionDeniedError("filing.submit", "Only bureaux file")', True),
    ('class PermissionDeniedError(DomainError): pass\nraise PermissionDeniedError("filing.submit", _("只有市场监管部门可以备案"))', False),
    ('class PermissionDeniedError(DomainError): pass\nraise PermissionDeniedError("filing.submit")', False),
])
def test_the_check_tells_bare_text_from_translated_text(tmp_path, source, bare):
    (tmp_path / "module.py").write_text(source + "\n", encoding="utf-8")
    assert bool(bare_messages(tmp_path)) is bare
