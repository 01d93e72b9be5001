from datetime import date

from reviews import services
from reviews.enums import TrainingNeedStatus
from reviews.history import review_history
from reviews.models import TrainingNeed
from tests import factories as f
from tests.reviews.conftest import MANAGER_PART, NOW, walk_to_shared


def _second_cycle(db, org, template):
    cycle = f.make_cycle(
        template,
        period_start=date(2026, 7, 1),
        period_end=date(2026, 12, 31),
        self_due_on=date(2027, 1, 10),
        manager_due_on=date(2027, 1, 20),
        signoff_due_on=date(2027, 1, 31),
    )
    services.launch_cycle(org.hr, cycle, now=NOW)
    return cycle


def test_history_shows_previous_ratings_and_the_fate_of_their_needs(
    db, org, template, cycle
):
    skill = f.make_skill(name="Python")
    first = walk_to_shared(db, org, cycle)
    # walk_to_shared named no needs; add two as if the first review had named them
    for status, due in (
        (TrainingNeedStatus.met, None),
        (TrainingNeedStatus.open, date(2026, 8, 1)),
    ):
        db.session.add(
            TrainingNeed(
                employee_id=org.employee.employee_id,
                skill_id=skill.id,
                target_level=3,
                source="review",
                source_review_id=first.id,
                status=status,
                due_on=due,
            )
        )
    second_cycle = _second_cycle(db, org, template)
    db.session.commit()
    from tests.reviews.conftest import review_of

    second = review_of(db, second_cycle, org.employee)
    history = review_history(second, today=date(2026, 9, 1))
    assert [p.id for p in history.previous] == [first.id]
    assert history.series["Delivery"][0] == (cycle.name, 4)
    assert [fate.fate for fate in history.previous_needs] == ["met", "overdue"]
    assert MANAGER_PART["goals"][0]["title"] in [g.title for g in history.goals]
