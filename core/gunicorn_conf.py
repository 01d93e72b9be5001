"""Gunicorn settings of ``make run`` (``scripts/run.sh`` passes ``-c core/gunicorn_conf.py``
and the address) and of a production node (``gunicorn -c core/gunicorn_conf.py -b ...``).

Decisions:
- gthread workers: one process per core, at most 4 (``WEB_CONCURRENCY`` overrides),
  each with 4 threads. A request is mostly Python (one core per process, the GIL), so
  more processes than cores buy nothing; the threads overlap database waits and slow
  clients, so a long report does not hold up its worker's other requests. Past 4
  processes a node pays another copy of the app's memory for no throughput (and SQLite
  has a single writer).
- ``preload_app``: the master loads the app once, then forks. ``create_app`` opens no
  database connection, so no worker inherits a pooled one.
- ``gc.freeze()`` in the master after loading and before every fork: the loaded app's
  objects (about 225,000) move to the collector's permanent generation, so a worker's
  full collection skips them (96 ms of CPU → under 1 ms on this machine, issue 17) and
  does not write to the pages it shares with the master. Reports still pause the
  collector (``reports.base.gc_paused``: it measured better than the freeze alone).
  Only here: tests and ``flask run`` never freeze.
- No bind here: the caller says where to listen (``--bind``; without one gunicorn takes
  127.0.0.1:8000, or 0.0.0.0:$PORT when PORT is set). ``GUNICORN_CMD_ARGS`` adds
  anything else (``--access-logfile -``).
"""

import gc
import os

wsgi_app = "app:create_app()"
worker_class = "gthread"


def _cores() -> int:
    """The cores this process may run on (a container's CPU set, as ``nproc``)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


workers = int(os.environ.get("WEB_CONCURRENCY") or min(4, _cores()))
threads = 4
preload_app = True
# gunicorn's control socket is one path per user ($HOME/.gunicorn/gunicorn.ctl): a
# second server (a bench, another checkout) would take it over. Nothing here uses it.
control_socket_disable = True


def when_ready(server) -> None:
    """The app is loaded and the socket open: freeze what loading made."""
    gc.freeze()
    server.log.info("gc.freeze(): %d objects of the loaded app", gc.get_freeze_count())


def pre_fork(server, worker) -> None:
    """Right before a fork (a replacement worker too): freeze what the master made since."""
    gc.freeze()
