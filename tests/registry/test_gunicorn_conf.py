"""gunicorn.conf.py: the production server's settings load, and a worker freezes what it holds at start."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_the_settings_are_the_measured_ones(monkeypatch):
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(CONF))
    assert (conf["workers"], conf["threads"], conf["worker_class"]) == (2, 4, "gthread")


def test_a_started_worker_keeps_its_loaded_objects_out_of_the_collectors_way():
    conf = runpy.run_path(str(CONF))
    try:
        conf["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
