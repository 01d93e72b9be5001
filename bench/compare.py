"""Page latency at two sizes side by side: the XL ÷ M ratios of issue 17.

    python -m bench.run --compare M,XL [--requests 20]       # the pages issue 17 names
    python -m bench.reports --compare M,XL [--requests 10]   # every report page, as HR

Both organisations are opened in one process (``make_app`` twice, each on its fixture
file, built first if missing) and each page is requested alternately on one and the
other — M, XL, M, XL … — after ``WARMUP`` rounds, through the Flask test client, as the
same role at both sizes (``bench.targets``). The figure is each size's median latency
and their ratio: alternating puts both sizes under the same machine load at the same
moment, so the ratio holds on a busy machine when the absolute milliseconds do not. A
ratio near 1 says the page does not grow with the organisation; the CEO's home page and
HR's reports legitimately cover everyone, the other pages a team or one person.
"""

import statistics
import time
from dataclasses import dataclass

from bench import fixtures
from bench.common import SIZES, default_url, has_people, make_app
from bench.signin import sign_in_client
from bench.targets import find_targets

WARMUP = 2
WHO = {"ceo": "CEO", "hr": "HR", "manager": "team lead"}


@dataclass(frozen=True)
class Page:
    label: str
    actor: str  # a ``bench.targets.Targets`` field: "ceo", "hr" or "manager"
    path: str  # may name {review_id} and {person_id}
    target: str = ""  # issue 17's target


ISSUE_PAGES = (
    Page("CEO's home page", "ceo", "/", "XL÷M <= 1.2"),
    Page("training-gaps heat map", "hr", "/reports/training-gaps", "<= 250 ms at XL"),
    Page("HR reports dashboard", "hr", "/reports", "<= 500 ms at XL"),
    Page("review page", "manager", "/reviews/{review_id}", "XL÷M <= 1.1"),
    Page("team development", "manager", "/development/team", "XL÷M <= 1.1"),
    Page("person page", "hr", "/people/{person_id}", "XL÷M <= 1.1"),
)


def parse_sizes(text: str) -> list[str]:
    """``"M,XL"`` → ``["M", "XL"]``: two known sizes, smaller first."""
    sizes = [part.strip().upper() for part in text.split(",") if part.strip()]
    if len(sizes) != 2 or any(size not in SIZES for size in sizes):
        raise ValueError(f"--compare takes two of {', '.join(SIZES)}, as M,XL")
    return sorted(sizes, key=SIZES.__getitem__)


def _side(size: str, actors: set[str]):
    url = default_url(size)
    if not has_people(url):
        print(f"No fixtures for {size} in {url} yet: building them.")
        fixtures.main(["--size", size])
    app = make_app(url)
    targets = find_targets(app)
    clients = {}
    for actor in actors:
        clients[actor] = app.test_client()
        sign_in_client(clients[actor], getattr(targets, actor).login_id)
    return targets, clients


def compare(sizes: list[str], pages, requests: int) -> list[dict]:
    """Median ms per page and size, each page's sizes alternating request by request."""
    sides = {size: _side(size, {page.actor for page in pages}) for size in sizes}
    rows = []
    for page in pages:
        timings: dict[str, list[float]] = {size: [] for size in sizes}
        for i in range(WARMUP + requests):
            for size, (targets, clients) in sides.items():
                path = page.path.format(
                    review_id=targets.review_id, person_id=targets.person_id
                )
                started = time.perf_counter()
                response = clients[page.actor].get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{size} {path}: {response.status_code}, not 200")
                if i >= WARMUP:
                    timings[size].append(elapsed)
        medians = {size: statistics.median(values) for size, values in timings.items()}
        rows.append({"page": page, "medians": medians})
        small, large = sizes
        print(
            f"  {page.label}: {small} {medians[small]:.1f} ms, "
            f"{large} {medians[large]:.1f} ms",
            flush=True,
        )
    return rows


def print_compare(rows: list[dict], sizes: list[str], requests: int) -> None:
    small, large = sizes
    ratio = f"{large}÷{small}"
    print(
        f"\nMedian latency over {requests} requests per page and size, sizes "
        f"alternating (Flask test client, one process)"
    )
    print(
        f"{'page':<26} {'as':<9} {small + ' ms':>9} {large + ' ms':>9} "
        f"{ratio:>7}   issue 17's target"
    )
    for row in rows:
        page, medians = row["page"], row["medians"]
        print(
            f"{page.label:<26} {WHO[page.actor]:<9} {medians[small]:>9.1f} "
            f"{medians[large]:>9.1f} {medians[large] / medians[small]:>7.2f}   "
            f"{page.target}".rstrip()
        )
