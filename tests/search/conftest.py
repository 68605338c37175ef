"""Search test set-up: each test gets its own index directory."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from biaozhun.core.actors import SYSTEM
from biaozhun.search.engine import forget_engines
from biaozhun.search.tantivy_engine import TantivyEngine


@pytest.fixture
def search_path(settings, tmp_path) -> Path:
    """BIAOZHUN_SEARCH points at a directory of this test's own."""
    path = tmp_path / "search"
    settings.BIAOZHUN_SEARCH = {"ENGINE": "tantivy", "PATH": path}
    forget_engines()
    yield path
    forget_engines()


@dataclass
class Catalogue:
    engine: TantivyEngine
    root: Path


@pytest.fixture
def generated_catalogue(db, tmp_path):
    """The "tiny" generated catalogue (310 editions) imported through catalog_import's code, then a full rebuild.

    Function-scoped on purpose: the standard `db` fixture keeps working after the browser tests' session-wide
    Playwright loop, where a module-scoped database fixture is refused as an async context (~1.5 s per test).
    """
    from biaozhun.catalog.importing import run_import
    from biaozhun.datagen import generate
    from biaozhun.search.feed import rebuild

    path = tmp_path / "tiny.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in generate("tiny")), encoding="utf-8")
    root = tmp_path / "search"
    run_import(path, actor=SYSTEM)
    rebuild(root=root)
    engine = TantivyEngine(root)
    yield Catalogue(engine=engine, root=root)
    engine.close()
