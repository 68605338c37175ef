"""Evidence in the platform: a link from a work-plan task, a pilot or any other record to a thing the platform
already holds (a standard, a project, a filing, a random-inspection campaign, a committee).

    evidence = resolve(EvidenceKind.STANDARD, "gb/t19001-2016", viewer=user)   # what a person typed
    Link.objects.create(task=task, **evidence.fields(), created_by=user)        # an EvidenceLink subclass
    shown = visible_links(task.evidence.all(), viewer=request.user)             # what a reader may see

`resolve` finds only what the person linking may see; `visible_links` shows a reader only what the reader may see
(the label of a filing under way is not published by linking it). Not a Django app: it reads the apps below it."""

from .kinds import EvidenceKind
from .links import EvidenceLink, Shown, visible_links
from .resolve import Evidence, EvidenceError, resolve

__all__ = ["Evidence", "EvidenceError", "EvidenceKind", "EvidenceLink", "Shown", "resolve", "visible_links"]
