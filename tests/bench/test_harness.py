"""The bench's plumbing: the sign-in form it scrapes, the sizes it compares, the worker
figures it reads from ``/proc``."""

import os
import subprocess
import sys

import pytest

from bench.common import cpu_seconds, peak_rss_mb, worker_pids
from bench.compare import parse_sizes
from bench.signin import CSRF_INPUT


def test_the_sign_in_page_carries_the_token_the_bench_posts_back(client):
    page = client.get("/login").get_data(as_text=True)
    match = CSRF_INPUT.search(page)
    assert match is not None and len(match[1]) > 20


@pytest.mark.parametrize(
    ("text", "sizes"), [("M,XL", ["M", "XL"]), ("xl, m", ["M", "XL"])]
)
def test_compare_takes_two_sizes_smaller_first(text, sizes):
    assert parse_sizes(text) == sizes


@pytest.mark.parametrize("text", ["M", "M,L,XL", "M,XXL"])
def test_compare_refuses_anything_but_two_known_sizes(text):
    with pytest.raises(ValueError):
        parse_sizes(text)


def test_worker_figures_come_from_the_children_of_a_process():
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)"], stdin=subprocess.DEVNULL
    )
    try:
        assert child.pid in worker_pids(os.getpid())
        assert cpu_seconds([child.pid]) >= 0
        assert peak_rss_mb(child.pid) > 1
    finally:
        child.kill()
        child.wait()
