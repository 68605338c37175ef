"""gunicorn's settings, read from the working directory: `.venv/bin/gunicorn biaozhun.wsgi -w 4` in the checkout.

See docs/deployment.md. Everything else comes from the command line and the environment.
"""

# Request lines of any length reach Django (gunicorn still stops at 1 MiB), so an over-long search query gets the
# page's translated message or the API's 422 problem+json instead of gunicorn's bare "414 Request-URI Too Long".
# (A query of 200 Chinese characters is ~1,800 bytes percent-encoded; gunicorn's default limit is 4,094 bytes.)
# The reverse proxy in front sets the real bound: nginx `large_client_header_buffers 4 32k;`.
limit_request_line = 0

# A sync worker silent for this many seconds is killed and replaced: the last bound behind the upload read budget
# (BIAOZHUN_UPLOAD_PARSE_SECONDS, with its alarm one second later: biaozhun/core/uploads.py). gunicorn's default,
# stated so that nobody raises it without seeing why.
timeout = 30


def post_worker_init(worker):
    """Warm what a worker's first request of a kind would otherwise build on the visitor's time: the identifier
    tables, the validity check's path and the XLSX writer (in the load benchmark a cold worker took 2.2 s for its
    first 10,000-number check, a warm one about 1 s). A failure here is logged and the worker serves anyway."""
    import logging

    try:
        from django.db import connections

        from biaozhun.catalog.validity import check_lines
        from biaozhun.catalog.validity_files import result_xlsx

        result_xlsx(check_lines(["GB/T 19001-2016", "DB11/T 1234-2019", "ISO 9001:2015"]))
        connections.close_all()
    except Exception:  # noqa: BLE001 (a warm-up must never stop a worker)
        logging.getLogger("gunicorn.error").warning("worker warm-up failed", exc_info=True)
