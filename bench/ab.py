"""ApacheBench (``ab``) as the load generator: run it, parse its report.

A compiled load generator, not a Python one: a Python client on the same two cores
competes with the servers it measures for the interpreter's CPU, and its own speed then
swings with the machine's load (the old ``bench.load`` gave ratios from 0.08 to 0.24).
``ab`` is Debian's ``apache2-utils`` (``scripts/bench-deps.sh``, ``make bench-deps``).

What counts as a failure: any connect, receive or exception error ``ab`` counts, any
response that is not 2xx ("Non-2xx responses", printed only when there are some; a
redirect to the sign-in page is one), or a non-zero exit. ``ab``'s "Length" failures are
not: ``ab`` calls every response whose length differs from the first one "failed", and
a page that prints a count or a date legitimately changes length; they are reported, so
a reader can tell.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass

AB_MAX_REQUESTS = 50_000  # ab's own cap under -t; raised with -n (see run_ab)


@dataclass(frozen=True)
class AbResult:
    requests_per_second: float
    complete: int
    failed: int  # as ab counts them (Length included)
    length_failures: int
    non_2xx: int
    seconds: float

    @property
    def errors(self) -> int:
        """Failed requests that are failures: not 2xx, or connect/receive/exceptions."""
        return self.failed - self.length_failures + self.non_2xx


def _number(pattern: str, text: str, default: str | None = None) -> str:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        if default is None:
            raise ValueError(f"no {pattern!r} in ab's output:\n{text}")
        return default
    return match.group(1)


def parse(output: str) -> AbResult:
    """Read ``ab``'s report (raises ``ValueError`` when a required line is missing)."""
    return AbResult(
        requests_per_second=float(_number(r"^Requests per second:\s+([\d.]+)", output)),
        complete=int(_number(r"^Complete requests:\s+(\d+)", output)),
        failed=int(_number(r"^Failed requests:\s+(\d+)", output)),
        length_failures=int(_number(r"Receive: \d+, Length: (\d+)", output, "0")),
        non_2xx=int(_number(r"^Non-2xx responses:\s+(\d+)", output, "0")),
        seconds=float(_number(r"^Time taken for tests:\s+([\d.]+)", output)),
    )


def command(
    url: str,
    *,
    seconds: int,
    concurrency: int,
    headers: dict[str, str] | None = None,
    cookie: str | None = None,
) -> list[str]:
    """``ab -k -c N -t S [-H …] [-C …] URL``; ``-n`` after ``-t`` lifts ab's cap of
    50,000 requests so a fast server runs the whole ``seconds`` too (ab reads ``-t`` as
    whole seconds)."""
    binary = shutil.which("ab")
    if binary is None:
        raise SystemExit("no ApacheBench ('ab'): run `make bench-deps`")
    cmd = [binary, "-q", "-k", "-c", str(concurrency), "-t", str(seconds)]
    cmd += ["-n", str(max(AB_MAX_REQUESTS, seconds * 20_000))]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    if cookie:
        cmd += ["-C", cookie]
    return [*cmd, url]


def run_ab(url: str, **options) -> AbResult:
    """Run ``ab`` against ``url``; raise ``RuntimeError`` on any failure."""
    cmd = command(url, **options)
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(
            f"ab exited with {done.returncode} for {url}:\n{done.stderr}{done.stdout}"
        )
    result = parse(done.stdout)
    if result.errors or not result.complete:
        raise RuntimeError(
            f"{url}: {result.errors} failed of {result.complete} requests "
            f"(non-2xx {result.non_2xx}; ab's report follows)\n{done.stdout}"
        )
    return result
