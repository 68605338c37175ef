"""Several "machines" on one host for test_several_machines.py: each is a directory of its own (var dir, search
index, email files) and the processes a deployed machine runs (gunicorn, a task worker, a search follower), all
over one PostgreSQL database of the test's own. Every process starts in a session of its own, so `stop` ends it
with everything it forked, whatever the test did."""

from __future__ import annotations

import base64
import contextlib
import email
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "tests.reliability.machine_settings"
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
EMAIL_SEPARATOR = "-" * 79


def database_url(settings_dict: dict, name: str) -> str:
    user, password = quote(settings_dict["USER"] or "", safe=""), quote(settings_dict["PASSWORD"] or "", safe="")
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{name}"


def admin_connection(url: str):
    """An autocommit connection to the server's `postgres` database (CREATE/DROP DATABASE)."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True)


def create_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE 'C.UTF-8'")


def drop_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Machine:
    name: str
    directory: Path
    env: dict[str, str]
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    base_url: str = ""

    @property
    def mail_dir(self) -> Path:
        return Path(self.env["BIAOZHUN_TEST_EMAIL_DIR"])

    def log(self, role: str) -> Path:
        return self.directory / f"{role}.log"

    def manage(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        """A management command on this machine, to completion; raises with its output if it fails."""
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=timeout)
        if done.returncode:
            raise AssertionError(f"{self.name}: manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def spawn(self, role: str, *args: str) -> subprocess.Popen:
        """Start a long-running process of this machine, its output in <role>.log."""
        with open(self.log(role), "ab") as log:
            process = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=self.env, stdout=log,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        self.processes[role] = process
        return process

    def start(self, *, web_workers: int = 2) -> None:
        """gunicorn on a free port of the kernel's choosing, a task worker and a search follower."""
        self.spawn("web", "-m", "gunicorn", "biaozhun.wsgi", "-b", "127.0.0.1:0", "-w", str(web_workers),
                   "--access-logfile", "-", "--graceful-timeout", "5")
        self.spawn("worker", "manage.py", "db_worker", "--no-reload", "--interval", "0.2",
                   "--worker-id", f"worker-{self.name}")
        self.spawn("search", "manage.py", "search_sync", "--follow", "--interval", "0.3")

    def wait_ready(self, timeout: float = 180) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            match = LISTENING.search(self.log("web").read_text(errors="replace"))
            if match:
                self.base_url = f"http://127.0.0.1:{match.group(1)}"
                with contextlib.suppress(requests.ConnectionError, requests.Timeout):  # a busy machine
                    if requests.get(self.base_url + "/", timeout=60).status_code == 200:
                        return
            time.sleep(0.2)
        raise AssertionError(f"{self.name}: the web process did not answer within {timeout} s:\n{self.tail('web')}")

    def check_alive(self) -> None:
        for role, process in self.processes.items():
            if process.poll() is not None:
                raise AssertionError(f"{self.name}: {role} exited with {process.returncode}:\n{self.tail(role)}")

    def tail(self, role: str, lines: int = 40) -> str:
        path = self.log(role)
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self) -> None:
        """SIGTERM to each process group, SIGKILL to what is left after 10 s."""
        for process in self.processes.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):  # already gone
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            with contextlib.suppress(ProcessLookupError):  # already gone
                os.killpg(process.pid, signal.SIGKILL)  # whatever the group still holds (gunicorn's workers)
            process.wait()


FIELD_KEYS = "machines:" + base64.b64encode(b"machines-test-only-field-key-32b").decode()


def machine_env(name: str, directory: Path, *, url: str, media: Path, anon_rate: str) -> dict[str, str]:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "mail").mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": url, "SECRET_KEY": "machines-test-only-not-a-secret",
        "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "BIAOZHUN_CACHE": "database", "BIAOZHUN_VAR_DIR": str(directory), "MEDIA_ROOT": str(media),
        "BIAOZHUN_SEARCH_PATH": str(directory / "search"), "BIAOZHUN_TEST_EMAIL_DIR": str(directory / "mail"),
        "BIAOZHUN_API_ANON_RATE": anon_rate, "BIAOZHUN_IMPORT_WORKERS": "0", "PYTHONUNBUFFERED": "1",
        # Shared like the database: the uploaded files' root and the keys of the encrypted columns.
        "BIAOZHUN_PRIVATE_MEDIA_ROOT": str(media.parent / "private"), "BIAOZHUN_FIELD_KEYS": FIELD_KEYS,
        # Plain http on one host; sign-in security, consent and page rates have their own tests (tests/security).
        "SECURE_SSL_REDIRECT": "0", "BIAOZHUN_MFA_REQUIRED": "0", "BIAOZHUN_PRIVACY_CONSENT_REQUIRED": "0",
        "BIAOZHUN_RATE_LOGIN": "off", "BIAOZHUN_RATE_SEARCH": "off", "BIAOZHUN_RATE_VALIDITY": "off",
    })
    return env


def read_emails(directories: list[Path]) -> list[email.message.Message]:
    """Every message the file backends of these machines wrote (a file may hold several, one per separator)."""
    messages = []
    for directory in directories:
        for path in sorted(directory.glob("*.log")):
            for chunk in path.read_bytes().split(b"\n" + EMAIL_SEPARATOR.encode() + b"\n"):
                if chunk.strip():
                    messages.append(email.message_from_bytes(chunk.lstrip(b"\n")))
    return messages


def body(message: email.message.Message) -> str:
    part = next(message.walk()) if not message.is_multipart() else message.get_payload(0)
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
