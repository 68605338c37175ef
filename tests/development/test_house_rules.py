"""The house rules of the development app, checked over the source so they stay kept (ARCHITECTURE rules 2–4):

- stages are not strings: no bare stage code anywhere in biaozhun/ (.py and templates) outside rules/stages.py and
  migrations, except the few places listed below where the same word means something else;
- one way to write history: only services/events.py creates ProjectEvent rows, and history points at what it
  records with on_delete=PROTECT;
- no actor, no write: every development service that asks the policy is keyword-only, takes the actor first and
  asks unconditionally;
- no import cycles: no function-level imports in the development app (the app's ready() aside).
"""

from __future__ import annotations

import ast
import inspect
import re
from collections import Counter
from pathlib import Path

import pytest
from django.db import models

from biaozhun.development import models as development_models
from biaozhun.development import sweep
from biaozhun.development.services import ballots, comments, deadlines, documents, projects, publication, reviews
from biaozhun.rules.stages import Stage

ROOT = Path(__file__).resolve().parents[2] / "biaozhun"
DEVELOPMENT = ROOT / "development"
CODES = {stage.value for stage in Stage}

# Places where a stage's word means something else, with how often it may appear there. A new bare stage code
# anywhere else, or one more here, fails the check: write Stage.X or a named group of rules/stages.py instead.
ALLOWED: dict[tuple[str, str], int] = {
    # The event kind 批准发布 (ProjectEvent.Kind.PUBLISHED) and its routing rows (routing_defaults.py is read by a
    # migration, so it names kinds without importing models).
    ("development/models/projects.py", "published"): 1,
    # DeclarationState.PUBLISHED, a declaration's own vocabulary (已公开), defined where it is.
    ("declarations/models/declarations.py", "published"): 1,
    ("development/routing_defaults.py", "published"): 3,
    # Comment.disposition and Comment.proposal: a comment's fields (admin columns, an index, saved fields, field
    # errors) and the data key of a disposition event.
    ("development/admin.py", "disposition"): 2,
    ("development/models/comments.py", "disposition"): 1,
    ("development/services/comments.py", "disposition"): 2,
    ("development/services/comments.py", "proposal"): 1,
    ("development/services/events.py", "disposition"): 1,
    ("development/templates/development/comments.html", "disposition"): 1,
    ("development/timeline.py", "disposition"): 1,
    ("development/personal_data.py", "disposition"): 1,  # a person's copy of their comments: the fields' names
    ("development/personal_data.py", "proposal"): 1,
    # "in force" as a catalogue status reason and a validity-check field, not a project stage.
    ("rules/status.py", "in_force"): 2,
    ("catalog/status_text.py", "in_force"): 1,
    ("catalog/api.py", "in_force"): 1,
    # "published": the search index's publication-date field, the 新发布 feed's name, a PDF's printed word.
    ("search/documents.py", "published"): 2,
    ("search/tantivy_engine.py", "published"): 1,
    ("portal/feeds.py", "published"): 1,
    ("portal/templates/portal/home.html", "published"): 3,
    ("portal/templates/portal/standard_detail.html", "published"): 2,
    ("catalog/demo/pdf.py", "published"): 1,
    # Filing: the sort by publication date of the filed standards' list; an abolition announcement (公告, the
    # `notice` of a periodic review's conclusion) in the API's answer, a query's related row and a page's tab.
    ("filing/selectors/public.py", "published"): 1,
    ("filing/api/periodic.py", "notice"): 1,
    ("filing/selectors/periodic.py", "notice"): 1,
    ("filing/views/periodic.py", "notice"): 1,
    # Random inspections: a campaign's own state and event kind "published" (results published), not a stage.
    ("rules/inspections.py", "published"): 1,
    ("inspections/models/campaigns.py", "published"): 1,
    # Committees: a committee's own status 暂停工作 (rules/committees.Status), not a project's suspension; an
    # application's own state 公示中 (rules/committees, ApplicationState.NOTICE), not a project's stage.
    ("rules/committees.py", "suspended"): 1,
    ("committees/api.py", "suspended"): 1,
    ("committees/terms.py", "suspended"): 2,
    ("committees/templates/committees/_event_detail.html", "suspended"): 1,
    ("rules/committees.py", "notice"): 1,
    ("committees/applications/selectors.py", "notice"): 1,
    ("committees/management/commands/load_demo_committees.py", "notice"): 2,
    ("committees/permissions.py", "notice"): 1,
    ("committees/templates/committees/applications/_rows.html", "notice"): 1,
    ("committees/templates/committees/applications/detail.html", "notice"): 2,
    # Change propagation: a flag's "edition in force" (the field and its API key), not a project stage.
    ("propagation/selectors.py", "in_force"): 4,
    ("propagation/notify.py", "in_force"): 1,
    ("propagation/api.py", "in_force"): 2,
    ("propagation/admin.py", "in_force"): 1,
    # Declarations: the national-scale generator's rows of a declaration's state 已公开.
    ("datagen/declarations.py", "published"): 1,
    # Foreign-language versions: a translation project's own states (rules/translations.TranslationState: 计划下达,
    # 审查, 已出版) and the event kind 出版外文版, not a development project's stages.
    ("rules/translations.py", "planned"): 1,
    ("rules/translations.py", "review"): 1,
    ("rules/translations.py", "published"): 1,
    ("international/models/translations.py", "published"): 1,
    # Pilots: a criterion's "comment" (an evaluator's remark) and the review of an application (its URL and button).
    ("programmes/services/evaluations.py", "comment"): 1,
    ("programmes/templates/programmes/application.html", "review"): 1,
    ("programmes/urls.py", "review"): 1,
    # Standard systems: a node's planned standards ("planned", the entries' related name, data key and column) and
    # "in force" as a count of a node's standards.
    ("rules/systems.py", "planned"): 1,
    ("systems/api.py", "planned"): 1,
    ("systems/api.py", "in_force"): 1,
    ("systems/formats.py", "planned"): 4,
    ("systems/models/systems.py", "planned"): 1,
    ("systems/services/systems.py", "planned"): 7,
    ("systems/templates/systems/manage.html", "planned"): 2,
    ("systems/views.py", "planned"): 1,
    # Statistics: the indicators "standards in force" and "published per year" by their dimension keys.
    ("stats/indicators/catalogue.py", "in_force"): 1,
    ("stats/indicators/catalogue.py", "published"): 1,
}
# The one place the codes are written, and history that is never rewritten.
EXEMPT = {"rules/stages.py"}
QUOTED = re.compile(r"""(["'])([a-z_]+)\1""")


def _python_literals(source: str) -> list[tuple[int, str]]:
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in CODES]


def _template_literals(source: str) -> list[tuple[int, str]]:
    """Quoted stage codes in a template: in its tags and variables (comparisons, arguments) and in its attributes
    (a hard-coded form value); the text people read is not code."""
    return [(source.count("\n", 0, match.start()) + 1, match.group(2)) for match in QUOTED.finditer(source)
            if match.group(2) in CODES]


def bare_stage_literals(root: Path = ROOT, allowed: dict[tuple[str, str], int] | None = None) -> list[str]:
    """`path:line: "code"` for every stage code written as a bare string beyond what `allowed` permits."""
    allowed = ALLOWED if allowed is None else allowed
    problems = []
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.html")]):
        relative = path.relative_to(root).as_posix()
        if relative in EXEMPT or "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        found = _python_literals(source) if path.suffix == ".py" else _template_literals(source)
        counts = Counter(code for _line, code in found)
        for line, code in found:
            if counts[code] > allowed.get((relative, code), 0):
                problems.append(f'{relative}:{line}: "{code}"')
    return problems


def test_no_stage_is_written_as_a_bare_string():
    problems = bare_stage_literals()
    assert not problems, ("stage codes written as bare strings (use Stage.X or a named group of "
                          "rules/stages.py):\n" + "\n".join(problems))


def test_the_check_catches_a_literal_in_code_and_in_templates(tmp_path):
    """The check itself: a stage compared with a string is found, in Python and in a template; a stage from the
    enum, plain text, and an allowed place are not."""
    (tmp_path / "views.py").write_text('if project.stage == "review":\n    label = "审查"\n', encoding="utf-8")
    (tmp_path / "fine.py").write_text("if project.stage == Stage.REVIEW:\n    text = 'in review'\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>review</p>\n{% if p.stage == 'drafting' %}x{% endif %}\n"
                                        '<input type="hidden" name="to" value="{{ move.to }}">\n'
                                        '<option value="approval">报批</option>\n', encoding="utf-8")
    (tmp_path / "kind.py").write_text('KIND = "published"\n', encoding="utf-8")
    assert bare_stage_literals(tmp_path, {("kind.py", "published"): 1}) == [
        'page.html:2: "drafting"', 'page.html:4: "approval"', 'views.py:1: "review"']
    assert bare_stage_literals(tmp_path, {}) == ['kind.py:1: "published"', 'page.html:2: "drafting"',
                                                 'page.html:4: "approval"', 'views.py:1: "review"']


# --- History ---------------------------------------------------------------------------------------------
def _creates_project_events(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            target = ast.unparse(node.func)
            if target in {"ProjectEvent", "ProjectEvent.objects.create", "ProjectEvent.objects.bulk_create"}:
                return True
    return False


def test_only_the_event_constructors_write_project_history():
    writers = [path.relative_to(ROOT).as_posix() for path in sorted(ROOT.rglob("*.py"))
               if "migrations" not in path.parts and _creates_project_events(ast.parse(path.read_text("utf-8")))]
    assert writers == ["development/services/events.py"]


def test_every_event_kind_has_its_constructor():
    from biaozhun.development.services import events

    assert {kind.value for kind in development_models.ProjectEvent.Kind} <= set(vars(events))


@pytest.mark.parametrize("model", [development_models.ProjectEvent, development_models.PeriodicReview,
                                   development_models.Ballot, development_models.Vote,
                                   development_models.Comment, development_models.DraftDocument,
                                   development_models.ExtensionRequest])
def test_history_points_at_what_it_records_with_protect(model):
    loose = [field.name for field in model._meta.get_fields()
             if isinstance(field, models.ForeignKey) and field.remote_field.on_delete is not models.PROTECT]
    assert loose == []


# --- Actors ----------------------------------------------------------------------------------------------
def _service_functions():
    for module in (projects, documents, comments, ballots, publication, deadlines, reviews, sweep):
        for name, function in vars(module).items():
            if inspect.isfunction(function) and function.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{module.__name__}.{name}", inspect.unwrap(function)


def _asks_the_policy(function) -> ast.Call | None:
    tree = ast.parse(inspect.getsource(function).lstrip())
    return next((node for node in ast.walk(tree) if isinstance(node, ast.Call)
                 and ast.unparse(node.func) == "policy.require"), None)


SERVICES = [(name, function) for name, function in _service_functions() if _asks_the_policy(function)]


def test_the_services_are_found():
    names = {name.rsplit(".", 1)[1] for name, _function in SERVICES}
    assert {"propose_project", "move_project", "update_project_details", "upload_document", "submit_comment",
            "dispose_comment", "open_ballot", "cast_vote", "record_vote", "close_ballot", "record_tbt_notification",
            "publish_project", "request_extension", "decide_extension", "conclude_review", "sweep"} <= names


@pytest.mark.parametrize(("name", "function"), SERVICES, ids=[name for name, _function in SERVICES])
def test_a_service_is_keyword_only_with_the_actor_first_and_always_asks_the_policy(name, function):
    parameters = list(inspect.signature(function).parameters.values())
    assert parameters[0].name == "actor"
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters), "keyword-only"
    body = ast.parse(inspect.getsource(function).lstrip()).body[0].body
    asks = [statement for statement in body if isinstance(statement, ast.Expr)
            and ast.unparse(statement.value).startswith("policy.require(actor")]
    assert asks, "policy.require(actor, ...) as a statement of its own, never under a condition"


# --- Imports ---------------------------------------------------------------------------------------------
def test_no_function_level_imports_in_the_development_app():
    """Imports at the top show what depends on what; one inside a function hides a cycle. The app's ready() is
    the exception: permissions register when the apps are loaded."""
    found = []
    for path in sorted(DEVELOPMENT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "ready":
                found += [f"{path.relative_to(ROOT)}:{inner.lineno}" for inner in ast.walk(node)
                          if isinstance(inner, ast.Import | ast.ImportFrom)]
    assert found == []
