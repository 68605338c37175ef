"""Backup and restore: one command each; the restored database has, table by table, exactly the rows the backup's
manifest describes (the same checksums), the stored files are back, and the search index is rebuilt.

Both run as the operator would: `manage.py backup` / `manage.py restore` in processes of their own, with the
production settings, the backup while another process keeps writing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import pytest

from tests.reliability.conftest import ROOT, Site, site_env

pytestmark = pytest.mark.slow

CHECKSUMS = ("import json, django; django.setup(); from biaozhun.core.backup.checksums import database_checksums; "
             "print(json.dumps({t: s.as_dict() for t, s in database_checksums().items()}))")
SETUP = """
import django; django.setup()
from biaozhun.accounts.models import User
User.objects.create_user(username="before", email="before@example.com", password="a-long-test-password-1")
"""
CHANGES = """
import django; django.setup()
from biaozhun.accounts.models import User
from biaozhun.catalog.models import Standard
from biaozhun.catalog.services import update_standard
from biaozhun.core.actors import SYSTEM
User.objects.create_user(username="after", email="after@example.com", password="a-long-test-password-2")
User.objects.filter(username="before").delete()
standard = Standard.objects.order_by("pk").first()
update_standard(actor=SYSTEM, standard=standard, changes={"title_zh": "备份之后改过的标题"},
                expected_version=standard.version)
"""
# Keeps writing the catalogue, one transaction per standard, until the file STOP appears.
WRITER = """
import django, sys; django.setup()
from pathlib import Path
from biaozhun.catalog.services import create_standard
from biaozhun.core.actors import SYSTEM
stop, n = Path(sys.argv[1]), 0
while not stop.exists() and n < 5000:
    n += 1
    create_standard(actor=SYSTEM, data={"identifier": f"GB/T 90000.{n}-2024", "title_zh": f"备份期间写入{n}",
                                        "published_on": "2024-01-01", "implemented_on": "2024-07-01"})
    print(n, flush=True)
"""


def _populate(site: Site) -> None:
    site.manage("load_demo", "--scale", "tiny", timeout=300)  # catalogue with full-text PDFs in the private root
    site.run("-c", SETUP)
    site.manage("search_sync", timeout=300)


def _manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json"))


def _checksums(site: Site) -> dict:
    return json.loads(site.run("-c", CHECKSUMS, timeout=300).stdout)


def _media(site: Site) -> Path:
    """Where uploaded files are (the default storage: the private root)."""
    return Path(site.env["BIAOZHUN_PRIVATE_MEDIA_ROOT"])


def _backup_while_writing(site: Site, tmp_path: Path) -> Path:
    stop = tmp_path / "STOP"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(stop)], cwd=ROOT, env=site.env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "1", writer.stderr.read()  # writing has begun
        backup = site.manage("backup", str(tmp_path / "backups"), timeout=300)
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0, writer.stderr.read()
    archive = Path(backup.stdout.split(":")[0])
    assert archive.parent == tmp_path / "backups" and archive.suffix == ".tar"
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # password hashes and personal data inside
    return archive


def _round_trip(site: Site, tmp_path: Path) -> None:
    _populate(site)
    archive = _backup_while_writing(site, tmp_path)
    manifest = _manifest(archive)
    assert manifest["tables"]["catalog_standard"]["rows"] > 300  # the demo catalogue and what was written meanwhile
    assert manifest["files"]["default"]["files"] == len([p for p in _media(site).rglob("*") if p.is_file()]) > 0
    written_during = _checksums(site)["catalog_standard"]["rows"]

    site.run("-c", CHANGES)
    pdf = sorted(p for p in _media(site).rglob("*.pdf"))[0]
    pdf.unlink()
    (_media(site) / "added-after-backup.txt").write_text("later", encoding="utf-8")
    assert _checksums(site)["accounts_user"] != manifest["tables"]["accounts_user"]

    restored = site.manage("restore", "--no-input", str(archive), timeout=600)
    assert "every file verified against the manifest" in restored.stdout

    after = _checksums(site)
    assert after == manifest["tables"]  # every table, row for row, as the backup's snapshot had it
    assert after["catalog_standard"]["rows"] <= written_during
    users = site.run("-c", "import django; django.setup(); from biaozhun.accounts.models import User; "
                     "print(sorted(User.objects.values_list('username', flat=True)))").stdout
    assert "'before'" in users and "'after'" not in users
    assert pdf.is_file() and not (_media(site) / "added-after-backup.txt").exists()
    health = site.run("-c", "import django; django.setup(); from biaozhun.search.health import check_index; "
                      "print(check_index().condition)").stdout.strip()
    assert health == "ok"  # rebuilt from the restored catalogue


def test_sqlite_backup_modify_restore_gives_the_manifest_s_checksums(site, tmp_path):
    _round_trip(site, tmp_path)
    kept = [path.name for path in site.var.iterdir() if ".before-restore-" in path.name]
    assert sorted(name.split(".before-restore-")[0] for name in kept) == ["private", "site.sqlite3"]  # the public root is empty


def _rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of the archive with one member's bytes changed by change(name, data)."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            data = change(member.name, data)
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


SMALL = """
import django; django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from biaozhun.catalog.services import create_standard
from biaozhun.core.actors import SYSTEM
for n in range(1, 4):
    create_standard(actor=SYSTEM, data={"identifier": f"GB/T {n}-2024", "title_zh": f"小型目录{n}",
                                        "published_on": "2024-01-01", "implemented_on": "2024-07-01"})
default_storage.save("notes/one.txt", ContentFile(b"one"))
"""


def test_a_damaged_archive_restores_nothing_and_a_mismatch_exits_non_zero(site, tmp_path):
    site.run("-c", SETUP)
    site.run("-c", SMALL)
    archive = Path(site.manage("backup", str(tmp_path / "backups")).stdout.split(":")[0])
    site.run("-c", CHANGES)
    before = _checksums(site)

    def flip(name, data):
        return data[:-1] + bytes([data[-1] ^ 1]) if name.startswith("database.") else data

    damaged = site.manage("restore", "--no-input", str(_rewrite(archive, tmp_path / "damaged.tar", flip)),
                          check=False)
    assert damaged.returncode == 1 and "is damaged" in damaged.stderr
    assert _checksums(site) == before  # nothing was restored

    def wrong_sum(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["tables"]["catalog_standard"]["sha256"] = "0" * 64
        return json.dumps(manifest).encode()

    failed = site.manage("restore", "--no-input", str(_rewrite(archive, tmp_path / "wrong.tar", wrong_sum)),
                         check=False, timeout=600)
    assert failed.returncode == 1
    assert "differs from the backup's manifest" in failed.stderr and "table catalog_standard" in failed.stderr
    assert "table accounts_user" not in failed.stderr  # the other tables matched


POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.fixture
def postgres_site(tmp_path) -> Site:
    """A site on a database of its own on the suite's PostgreSQL server (dropped afterwards)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"biaozhun_backup_{uuid.uuid4().hex[:10]}"
    server = {"host": config["HOST"] or None, "port": config["PORT"] or None, "user": config["USER"],
              "password": config["PASSWORD"], "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**server) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                           f"LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
    var = tmp_path / "site"
    var.mkdir()
    env = site_env(var)
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    env["DATABASE_URL"] = url

    def manage(*args, check=True, **kwargs):
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=check,
                              capture_output=True, text=True, **kwargs)

    manage("migrate", "--noinput", timeout=600)
    manage("seed_reference", timeout=300)
    yield Site(var=var, db=var / "unused", mail=var / "mail", env=env, manage=manage)
    time.sleep(0.2)
    with psycopg.connect(**server) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(not POSTGRES, reason="PostgreSQL round trip: runs when DATABASE_URL is PostgreSQL (CI)")
def test_postgresql_backup_modify_restore_gives_the_manifest_s_checksums(postgres_site, tmp_path):
    _round_trip(postgres_site, tmp_path)
