"""The gunicorn settings of ``make run`` as gunicorn reads them (it skips an unknown or
misspelt name without a word), the worker rule, and the freeze that only the server
does."""

import gc
import importlib
from types import SimpleNamespace

import pytest
from gunicorn.config import Config as GunicornConfig

from core import gunicorn_conf


def _as_gunicorn_reads_it() -> GunicornConfig:
    """What ``gunicorn -c core/gunicorn_conf.py`` sets (base.Application's loop)."""
    cfg = GunicornConfig()
    for name, value in vars(gunicorn_conf).items():
        if name in cfg.settings:
            cfg.set(name, value)
    return cfg


@pytest.fixture
def reloaded(monkeypatch):
    """Reload the settings under a patched environment; restore them afterwards."""

    def reload(cores: int, concurrency: str | None = None):
        monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(cores)))
        if concurrency is None:
            monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
        else:
            monkeypatch.setenv("WEB_CONCURRENCY", concurrency)
        return importlib.reload(gunicorn_conf)

    yield reload
    monkeypatch.undo()
    importlib.reload(gunicorn_conf)


def test_every_name_in_the_file_is_a_gunicorn_setting():
    names = {
        name
        for name, value in vars(gunicorn_conf).items()
        if not name.startswith("_") and not isinstance(value, type(gc))
    }
    assert names <= set(GunicornConfig().settings)


def test_gthread_workers_on_a_preloaded_app_without_a_control_socket():
    cfg = _as_gunicorn_reads_it()
    assert cfg.worker_class_str == "gthread"
    assert cfg.threads == 4
    assert cfg.preload_app is True
    assert cfg.control_socket_disable is True
    assert cfg.wsgi_app == "app:create_app()"


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 2), (4, 4), (16, 4)])
def test_one_worker_per_core_at_most_four(reloaded, cores, workers):
    assert reloaded(cores).workers == workers


def test_web_concurrency_sets_the_workers(reloaded):
    assert reloaded(2, "6").workers == 6


def test_the_master_freezes_the_loaded_app_and_before_each_fork(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    server = SimpleNamespace(log=SimpleNamespace(info=lambda *args: None))
    gunicorn_conf.when_ready(server)
    gunicorn_conf.pre_fork(server, worker=None)
    assert calls == ["freeze", "freeze"]


def test_the_app_itself_freezes_nothing(app):
    assert gc.get_freeze_count() == 0
