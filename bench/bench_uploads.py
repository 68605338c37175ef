"""Hostile uploads to the validity check (标准查新): CPU seconds and peak memory of one request, before and after.

    git archive 12fd19b | (mkdir -p /tmp/before && tar -x -C /tmp/before)   # the code before the limits
    .venv/bin/python bench/bench_uploads.py --root /tmp/before --runs 3       # before
    .venv/bin/python bench/bench_uploads.py --runs 3                          # after (this checkout)

Each case is one POST to /validity/ through every middleware (Django's test handler, CSRF checks off, DEBUG
off; tests.settings, whose only difference that matters here is static files without `collectstatic`), in a
fresh child process that imports the code under --root; the child reports its CPU time for the
request (user + system) and its peak RSS (ru_maxrss: the process's high-water mark, the Django start-up
included; the figure after start-up and one warm-up GET is given beside it). The database is a fresh SQLite file migrated once per root.
Cases (built by tests/fixtures/hostile_files.py; the body is produced as it is read, never held):
- xlsx-10m:  the 10-million-row XLSX (~630 KB: one row of XML repeated, deflated 400:1)
- xlsx-1m:   1 million different numbers (2.5 MB, 64 MB unzipped, 25:1): within every zip limit
- zip-bomb:  an XLSX whose shared strings inflate to 512 MiB of one letter (~0.5 MB)
- body-300m: a multipart body carrying a 300 MB file
- normal:    an ordinary 2,000-row XLSX made by openpyxl (the cost of a good file)
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ("xlsx-10m", "xlsx-1m", "zip-bomb", "body-300m", "normal")
MB = 1024 * 1024


def _hostile():
    """tests/fixtures/hostile_files.py of this checkout, whatever --root the child imports Django code from."""
    spec = importlib.util.spec_from_file_location("hostile_files", ROOT / "tests/fixtures/hostile_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_files(out: Path) -> None:
    hostile = _hostile()
    (out / "xlsx-10m.xlsx").write_bytes(hostile.xlsx_with_rows(10_000_000))
    (out / "xlsx-1m.xlsx").write_bytes(hostile.xlsx_numbered_rows(1_000_000))
    (out / "zip-bomb.xlsx").write_bytes(hostile.zip_bomb_xlsx(512 * MB))
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["序号", "标准号"])
    for n in range(1, 2001):
        workbook.active.append([n, f"GB/T {n}-2020"])
    workbook.save(out / "normal.xlsx")


class FileBody(io.RawIOBase):
    """A multipart body around one file on disk."""

    def __init__(self, path: Path) -> None:
        boundary = "----benchboundary"
        self.content_type = f"multipart/form-data; boundary={boundary}"
        head = (f'--{boundary}\r\nContent-Disposition: form-data; name="format"\r\n\r\nhtml\r\n--{boundary}\r\n'
                f'Content-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode()
        self.data = io.BytesIO(head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode())
        self.length = len(self.data.getvalue())

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return self.data.readinto(buffer)


def child(case: str, files: Path) -> None:
    """Run one request and print {"cpu", "peak_mb", "start_mb", "status", "read_mb", "message"} as JSON."""
    import django

    django.setup()
    from django.test.client import ClientHandler

    body = _hostile().MultipartBody(300 * MB) if case == "body-300m" else FileBody(files / f"{case}.xlsx")
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": "/validity/", "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": body, "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
        "CONTENT_TYPE": body.content_type, "CONTENT_LENGTH": str(body.length),
    }
    handler = ClientHandler(enforce_csrf_checks=False)
    # One GET first: a running worker has its templates, URLs and translations loaded.
    handler({**environ, "REQUEST_METHOD": "GET", "wsgi.input": io.BytesIO(), "CONTENT_LENGTH": "0"})
    start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    before = resource.getrusage(resource.RUSAGE_SELF)
    response = handler(environ)
    after = resource.getrusage(resource.RUSAGE_SELF)
    text = response.content.decode()
    message = ""
    if 'role="alert"' in text:
        message = text.split('role="alert"', 1)[1].split(">", 1)[1].split("<", 1)[0].strip()
    print(json.dumps({
        "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        "peak_mb": after.ru_maxrss / 1024, "start_mb": start_mb, "status": response.status_code,
        "read_mb": (getattr(body, "consumed", None) or body.length) / MB if case == "body-300m" else None,
        "message": message[:80],
    }, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=str(ROOT), help="checkout whose code is measured (default: this one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = Path(args.root).resolve()
    if args.child:
        sys.path.insert(0, str(root))
        child(args.child, Path(args.files))
        return
    with tempfile.TemporaryDirectory(prefix="bench-uploads-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "SECRET_KEY": "bench-only",
               "DEBUG": "0", "ALLOWED_HOSTS": "testserver", "BIAOZHUN_VAR_DIR": str(work),
               "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}", "MEDIA_ROOT": str(work / "media"),
               "LOG_LEVEL": "ERROR", "PYTHONPATH": str(root)}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, check=True)
        build_files(work)
        print(f"code under {root}; {args.runs} runs per case, medians")
        print("| case | status | CPU s | peak RSS MB (before the request) | body read MB | what the page says |")
        print("|---|---|---|---|---|---|")
        for case in args.cases.split(","):
            runs = []
            for _ in range(args.runs):
                started = time.monotonic()
                result = subprocess.run([sys.executable, __file__, "--root", str(root), "--child", case,
                                         "--files", str(work)], cwd=root, env=env, capture_output=True, text=True)
                if result.returncode:
                    print(result.stderr[-2000:], file=sys.stderr)
                    runs.append({"status": f"died ({result.returncode})", "cpu": time.monotonic() - started,
                                 "peak_mb": float("nan"), "start_mb": float("nan"), "read_mb": None, "message": ""})
                    continue
                runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
            cpu = statistics.median(r["cpu"] for r in runs)
            peak = statistics.median(r["peak_mb"] for r in runs)
            start = statistics.median(r["start_mb"] for r in runs)
            read = runs[0]["read_mb"]
            print(f"| {case} | {runs[0]['status']} | {cpu:.2f} | {peak:.0f} ({start:.0f}) | "
                  f"{'' if read is None else f'{read:.1f}'} | {runs[0]['message']} |", flush=True)


if __name__ == "__main__":
    main()
