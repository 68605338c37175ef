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
