"""The workflow of a translation project of a Chinese standard (国家标准外文版项目) as a table.

planned (计划下达) → translating (翻译中) → review (审查) → approved (批准) → published (出版); review may send
the text back to translating; every state before published may be cancelled (撤销). Published and cancelled are
final. Who may make which move is the policy's (international/permissions/translations.py); this module only says
what may follow what. Pure: no Django.
"""

from __future__ import annotations

from enum import StrEnum


class TranslationState(StrEnum):
    """Stored in TranslationProject.state and in its events; values are never renamed."""

    PLANNED = "planned"
    TRANSLATING = "translating"
    REVIEW = "review"
    APPROVED = "approved"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


S = TranslationState
MOVES: dict[TranslationState, tuple[TranslationState, ...]] = {
    S.PLANNED: (S.TRANSLATING, S.CANCELLED),
    S.TRANSLATING: (S.REVIEW, S.CANCELLED),
    S.REVIEW: (S.APPROVED, S.TRANSLATING, S.CANCELLED),
    S.APPROVED: (S.PUBLISHED, S.CANCELLED),
    S.PUBLISHED: (),
    S.CANCELLED: (),
}
FINAL = frozenset({S.PUBLISHED, S.CANCELLED})
OPEN = frozenset(MOVES) - FINAL  # in progress: shown on the standard's page as "translation in progress"
# The moves the undertaking unit makes (starts translating, hands the translation in for review); every other move
# is the national administration's.
UNDERTAKER_MOVES = frozenset({(S.PLANNED, S.TRANSLATING), (S.TRANSLATING, S.REVIEW)})
# Publishing needs the translated text: the move to PUBLISHED is made by publish_translation with its PDF.
NEEDS_TEXT = frozenset({S.PUBLISHED})


class MoveRefused(ValueError):
    def __init__(self, state: str, to: str) -> None:
        super().__init__(f"{state} → {to}")
        self.state, self.to = state, to
        self.allowed = allowed_moves(state)


def allowed_moves(state: str) -> tuple[TranslationState, ...]:
    return MOVES[TranslationState(state)]


def check_move(state: str, to: str) -> None:
    """Raise MoveRefused (naming the allowed moves) unless `to` may follow `state`."""
    if TranslationState(to) not in allowed_moves(state):
        raise MoveRefused(state, to)


def by_undertaker(state: str, to: str) -> bool:
    """True if the undertaking unit makes this move (else the national administration)."""
    return (TranslationState(state), TranslationState(to)) in UNDERTAKER_MOVES
