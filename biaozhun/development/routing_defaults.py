"""The routing table's first rows (seeded by a migration; administrators change them in the admin). A trigger is an
event kind, or "moved:<stage>" for entering a stage (ProjectEvent.trigger). No models are imported here: the
seeding migration reads this module."""

from biaozhun.rules.stages import Stage


def moved(stage: Stage) -> str:
    return f"moved:{stage}"


DEFAULT_RULES: tuple[tuple[str, str], ...] = (
    ("proposed", "secretariat"),
    (moved(Stage.NOTICE), "secretariat"),
    (moved(Stage.NOTICE), "proposer"),
    (moved(Stage.PLANNED), "secretariat"),
    (moved(Stage.PLANNED), "proposer"),
    (moved(Stage.COMMENT), "secretariat"),
    (moved(Stage.COMMENT), "voting_members"),
    ("period_closed", "secretariat"),
    ("disposed", "commenters"),
    ("ballot_opened", "voting_members"),
    ("ballot_opened", "secretariat"),
    ("ballot_closed", "voting_members"),
    ("ballot_closed", "secretariat"),
    (moved(Stage.APPROVAL), "reviewers"),
    (moved(Stage.APPROVAL), "secretariat"),
    (moved(Stage.DRAFTING), "secretariat"),
    ("published", "secretariat"),  # the event kind 批准发布 (ProjectEvent.Kind.PUBLISHED)
    ("published", "proposer"),
    ("published", "commenters"),
    (moved(Stage.SUSPENDED), "secretariat"),
    (moved(Stage.TERMINATED), "secretariat"),
    (moved(Stage.TERMINATED), "proposer"),
    ("deadline_reminder", "secretariat"),
    ("overdue", "secretariat"),
    ("overdue", "reviewers"),
    ("extension_requested", "reviewers"),
    ("extension_decided", "secretariat"),
    ("tbt_notified", "secretariat"),
    ("withdrawn", "secretariat"),
    ("withdrawn", "proposer"),
    ("withdrawn", "reviewers"),
)
