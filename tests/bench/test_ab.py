"""The ApacheBench report parser and command line (``bench.ab``): what counts as a
failed request, and the request cap ``-t`` implies."""

import pytest

from bench import ab

REPORT = """\
This is ApacheBench, Version 2.3 <$Revision$>

Server Software:        gunicorn
Document Path:          /api/v1/people/5
Document Length:        260 bytes

Concurrency Level:      4
Time taken for tests:   2.000 seconds
Complete requests:      5854
Failed requests:        0
Keep-Alive requests:    0
Total transferred:      2376724 bytes
Requests per second:    2926.72 [#/sec] (mean)
Time per request:       1.367 [ms] (mean)
"""


def _with(report: str, old: str, new: str) -> str:
    assert old in report
    return report.replace(old, new)


def test_parse_reads_rate_requests_and_time():
    result = ab.parse(REPORT)
    assert result.requests_per_second == 2926.72
    assert result.complete == 5854
    assert result.seconds == 2.0
    assert (result.failed, result.non_2xx, result.errors) == (0, 0, 0)


def test_non_2xx_responses_are_errors():
    report = _with(
        REPORT,
        "Keep-Alive requests:",
        "Non-2xx responses:      37\nKeep-Alive requests:",
    )
    result = ab.parse(report)
    assert result.non_2xx == 37
    assert result.errors == 37


def test_length_differences_are_not_errors_but_connection_ones_are():
    report = _with(
        REPORT,
        "Failed requests:        0\n",
        "Failed requests:        5\n"
        "   (Connect: 0, Receive: 2, Length: 3, Exceptions: 0)\n",
    )
    result = ab.parse(report)
    assert (result.failed, result.length_failures) == (5, 3)
    assert result.errors == 2


def test_document_length_is_not_read_as_length_failures():
    assert ab.parse(REPORT).length_failures == 0


def test_a_report_without_its_rate_is_refused():
    with pytest.raises(ValueError, match="Requests per second"):
        ab.parse(REPORT.replace("Requests per second", "Requests"))


def test_command_lifts_the_cap_after_the_time_limit(monkeypatch):
    monkeypatch.setattr(ab.shutil, "which", lambda name: f"/usr/bin/{name}")
    cmd = ab.command(
        "http://127.0.0.1:1/x",
        seconds=5,
        concurrency=4,
        headers={"Authorization": "Bearer t"},
        cookie="session=abc",
    )
    assert cmd[:7] == ["/usr/bin/ab", "-q", "-k", "-c", "4", "-t", "5"]
    # ab reads -n after -t, so the larger cap wins (-t alone stops at 50,000)
    assert cmd[7:9] == ["-n", "100000"]
    assert cmd[9:] == [
        "-H",
        "Authorization: Bearer t",
        "-C",
        "session=abc",
        "http://127.0.0.1:1/x",
    ]
