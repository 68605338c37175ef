"""For demo loaders of other apps that set a scene with direct declaration rows (a campaign's population, a
领跑者 ranking): give each declaration its first version and its "declared" event, as the services would, so
that its public page shows its history and the search index (which follows the events) takes it."""

from typing import Any

from .models import Declaration
from .services import events
from .services.declaring import content_of


def record_declared(declaration: Declaration, *, actor: Any) -> None:
    content = content_of(declaration, list(declaration.products.all()), list(declaration.indicators.all()))
    events.version(declaration, actor=actor, content=content).save()
    events.declared(declaration, actor=actor, data={"version": declaration.version, "demo": True}).save()
