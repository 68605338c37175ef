"""gunicorn's settings file (gunicorn.conf.py): each worker warms the validity check at start, and a failure there
is logged, never fatal to the worker."""

import logging
import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.mark.django_db
def test_a_worker_warms_the_validity_check_without_a_warning(caplog, standard_maker):
    standard_maker("GB/T 19001-2016")
    settings = runpy.run_path(str(CONF))
    assert settings["limit_request_line"] == 0
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        settings["post_worker_init"](None)
    assert "warm-up failed" not in caplog.text


def test_a_failing_warm_up_is_logged_and_the_worker_goes_on(caplog, monkeypatch):
    from biaozhun.catalog import validity

    def broken(lines):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(validity, "check_lines", broken)
    settings = runpy.run_path(str(CONF))
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        settings["post_worker_init"](None)
    assert "worker warm-up failed" in caplog.text
