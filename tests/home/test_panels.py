"""The home page's review panel: what the employee does next with their review."""

from datetime import date
from types import SimpleNamespace

from home.panels import next_step
from reviews.enums import ReviewStatus as S

CYCLE = SimpleNamespace(
    manager_due_on=date(2026, 3, 1), signoff_due_on=date(2026, 3, 15)
)


def _review(status):
    return SimpleNamespace(status=status, cycle=CYCLE, self_due_on=date(2026, 2, 1))


def test_next_step_follows_the_review_status():
    assert next_step(_review(S.not_started)) == (
        "Write your self-assessment",
        date(2026, 2, 1),
    )
    assert next_step(_review(S.manager_in_progress))[1] == date(2026, 3, 1)
    assert next_step(_review(S.shared)) == (
        "Read and acknowledge it",
        date(2026, 3, 15),
    )
    assert next_step(_review(S.acknowledged)) == ("Nothing to do: it is signed", None)
