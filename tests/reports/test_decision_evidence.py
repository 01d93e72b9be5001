from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import PermissionDenied
from reports import decision_evidence
from reviews.enums import ReviewStatus as S
from reviews.enums import TrainingNeedStatus as N
from tests import factories as f
from tests.reports.conftest import add_activity, add_need, add_review, build, rows_by


def _arrange(world, db):
    skill = f.make_skill(name="Negotiation")
    old = add_review(world, world.ana, reviewer=world.mona, overall=4)
    add_review(
        world,
        world.ana,
        cycle=world.cycle,
        reviewer=world.mona,
        overall=5,
        status=S.shared,
    )
    add_need(world.ana, skill, review=old, due_on=date(2026, 3, 1))  # never acted on
    add_need(world.ana, skill, review=old, status=N.met, evidence=True)
    add_review(world, world.cara, reviewer=world.ben, overall=2)
    add_need(
        world.cara, skill, status=N.in_progress, evidence=True, due_on=date(2026, 3, 1)
    )
    add_review(world, world.dan, reviewer=world.olaf, overall=5)
    add_activity(world.ana, date(2026, 7, 1), hours=4)
    db.session.commit()


def test_one_pack_per_person_of_a_department_with_its_sub_departments(world, db):
    _arrange(world, db)
    result = build(decision_evidence, world.hr, department_id=world.support.id)
    rows = rows_by(result, "name")
    assert [k[0] for k in rows] == [
        "Ana Agent",
        "Ben Lead",
        "Cara Agent",
        "Mona Head",
    ]
    ana = rows[("Ana Agent",)]
    assert (
        ana["ratings_trend"],
        ana["last_overall"],
        ana["last_review"],
        ana["positive_recent"],
    ) == ("4 → 5", 5, "2026 H1", "yes")
    assert (ana["needs_named"], ana["needs_met"], ana["never_acted_on"]) == (2, 1, 1)
    assert (ana["keeps_learning"], ana["activities_12m"], ana["hours_12m"]) == (
        "Lapsing",
        1,
        4.0,
    )
    cara = rows[("Cara Agent",)]
    assert (cara["ratings_trend"], cara["positive_recent"]) == ("2", "no")
    assert rows[("Ben Lead",)]["positive_recent"] == "no reviews"
    fates = [(n["name"], n["fate"]) for n in result.tables[1].rows]
    assert fates == [
        ("Ana Agent", "Never acted on"),
        ("Ana Agent", "Met"),
        ("Cara Agent", "In progress (evidence linked)"),
    ]
    facts = {f.label: f.value for f in result.facts}
    # Ben and Mona have no shared review: counted apart, not in the denominator.
    assert facts["Positive recent reviews"] == "1 of 2"
    assert facts["No review in the period"] == 2
    assert facts["Never acted on by the organisation"] == 1
    assert result.notes == [
        "1 of 2 reviewed people had positive recent reviews, and the organisation "
        "never acted on 1 of the 3 training needs their reviews named. Weigh that "
        "before any decision about them.",
        "2 people have no review in the period and are not counted in “Positive "
        "recent reviews”.",
    ]


def test_a_list_of_people(world, db):
    _arrange(world, db)
    result = build(
        decision_evidence,
        world.hr,
        people=[world.ana.employee_id, world.dan.employee_id],
    )
    assert [r["name"] for r in result.rows] == ["Ana Agent", "Dan Rep"]


def test_a_manager_naming_someone_outside_their_reports_is_refused(world, db):
    _arrange(world, db)
    with pytest.raises(PermissionDenied):
        build(
            decision_evidence,
            world.mona,
            people=[world.ana.employee_id, world.dan.employee_id],
        )
    result = build(decision_evidence, world.mona, people=[world.ana.employee_id])
    assert [r["name"] for r in result.rows] == ["Ana Agent"]


def test_a_manager_choosing_another_department_gets_nobody(world, db):
    _arrange(world, db)
    result = build(decision_evidence, world.mona, department_id=world.sales.id)
    assert result.rows == []


def test_opening_the_pack_is_audited(world, login_as, db):
    _arrange(world, db)
    client = login_as(world.hr)
    url = f"/reports/decision-evidence?department_id={world.east.id}"
    assert client.get(url).status_code == 200
    assert client.get(url.replace("evidence?", "evidence.csv?")).status_code == 200
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.object_type == "DecisionEvidencePack")
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.actor_id, e.action, e.changes["format"]) for e in events] == [
        (world.hr.id, "opened", "html"),
        (world.hr.id, "opened", "csv"),
    ]
    assert events[0].changes["people"] == [
        world.ben.employee_id,
        world.cara.employee_id,
    ]
    assert events[0].changes["filters"] == {"department_id": world.east.id}


def test_the_printable_page_shows_the_packs(world, login_as, db):
    _arrange(world, db)
    body = (
        login_as(world.hr)
        .get(f"/reports/decision-evidence?department_id={world.support.id}")
        .get_data(as_text=True)
    )
    assert body.count('class="card pack"') == 4
    assert "Never acted on" in body and "reports.css" in body


def test_without_a_group_the_page_lists_people_and_links_to_their_packs(
    world, login_as, db
):
    _arrange(world, db)
    body = login_as(world.hr).get("/reports/decision-evidence").get_data(as_text=True)
    assert 'class="card pack"' not in body
    assert f"/reports/decision-evidence?people={world.ana.employee_id}" in body


def _rich(world, db):
    """Edge cases of the per-person figures: another rating scale, an ad hoc review,
    two reviews ending the same day, a draft, a review without an overall rating, a
    need of every fate, and learning that does and does not count."""
    from development.enums import ActivityKind, ActivityStatus
    from development.models import DevelopmentActivity
    from reviews.models import Review

    _arrange(world, db)
    four = f.make_template(actor=world.hr)
    four.rating_labels = ["Low", "Some", "Good", "Top"]  # positive from 3 of 4
    skill = f.make_skill(name="Facilitation")
    add_review(
        world,
        world.cara,
        cycle=world.cycle,
        reviewer=world.ben,
        overall=2,
        status=S.shared,
    ).template_id = four.id

    def ad_hoc(person, end, overall):
        db.session.add(
            Review(
                cycle_id=None,
                template_id=world.template.id,
                employee_id=person.employee_id,
                status=S.shared,
                period_start=date(end.year, end.month, 1),
                period_end=end,
                overall_rating=overall,
            )
        )
        db.session.flush()

    for rating in (5, 3):  # the same period end: the later id is the last review
        ad_hoc(world.olaf, date(2026, 3, 31), rating)
    add_review(
        world, world.dan, cycle=world.cycle, overall=1, status=S.manager_in_progress
    )  # a draft counts for nothing
    add_review(world, world.ben, reviewer=world.mona)  # shared, no overall rating
    add_review(world, world.mona, overall=2)  # 2025 H2
    ad_hoc(world.mona, date(2026, 2, 28), 4)
    ad_hoc(world.mona, date(2025, 6, 30), 3)  # the oldest, added last
    add_need(world.dan, skill, status=N.dropped, drop_reason="Changed role")
    add_need(world.dan, skill, named_on=date(2026, 1, 5))  # older than 90 days
    add_need(world.dan, skill, due_on=date(2026, 9, 1))  # open, not yet due
    add_need(world.olaf, skill, status=N.in_progress)  # recent, no evidence
    need = add_need(world.olaf, skill, status=N.in_progress, named_on=date(2025, 1, 1))
    need.evidence_at = datetime(2025, 3, 1, tzinfo=UTC)  # evidence without a row
    for day, end, status, kind in (
        (
            date(2026, 7, 1),
            date(2026, 9, 30),
            ActivityStatus.in_progress,
            ActivityKind.course,
        ),  # still running: counts on its start
        (date(2026, 6, 2), None, ActivityStatus.in_progress, ActivityKind.self_study),
        (
            date(2026, 6, 3),
            date(2026, 6, 3),
            ActivityStatus.planned,
            ActivityKind.course,
        ),  # planned: not evidence
        (
            date(2026, 8, 1),
            date(2026, 8, 2),
            ActivityStatus.completed,
            ActivityKind.course,
        ),  # after today
        (None, None, ActivityStatus.completed, ActivityKind.course),  # no date
        (
            date(2026, 5, 5),
            date(2026, 5, 5),
            ActivityStatus.completed,
            ActivityKind.interview_given,
        ),  # a contribution, not evidence
        (
            date(2024, 3, 1),
            date(2024, 3, 2),
            ActivityStatus.completed,
            ActivityKind.course,
        ),  # long ago: only the last evidence
    ):
        db.session.add(
            DevelopmentActivity(
                employee_id=world.olaf.employee_id,
                kind=kind,
                title="Learning",
                hours=1.5,
                status=status,
                started_on=day,
                ended_on=end,
            )
        )
    add_activity(world.mona, date(2024, 11, 30), hours=3)
    db.session.commit()


def test_the_whole_organisation_has_the_figures_of_the_packs(world, db):
    """Without a group the figures are counted in SQL; with one they come from the
    packs' rows: both give every person the same line."""
    _rich(world, db)
    everyone = build(decision_evidence, world.hr)
    assert everyone.tables[0].rows == []  # no packs without a group
    ids = [r["employee_id"] for r in everyone.rows]
    packs = build(decision_evidence, world.hr, people=ids)
    assert packs.tables[0].rows and packs.tables[1].rows
    assert packs.rows == everyone.rows
    assert (packs.facts, packs.notes) == (everyone.facts, everyone.notes)
    for department in (world.support, world.east, world.sales):
        group = build(decision_evidence, world.hr, department_id=department.id)
        assert group.rows == [r for r in everyone.rows if r in group.rows]
    rows = rows_by(everyone, "name")
    figures = ("ratings_trend", "last_overall", "last_review", "positive_recent")
    assert {k[0]: tuple(r[x] for x in figures) for k, r in rows.items()} == {
        "Ana Agent": ("4 → 5", 5, "2026 H1", "yes"),
        "Ben Lead": ("", None, None, "no reviews"),
        "Cara Agent": ("2 → 2", 2, "2026 H1", "no"),
        "Dan Rep": ("5", 5, "2025 H2", "yes"),
        "Hana HR": ("", None, None, "no reviews"),
        "Mona Head": ("3 → 2 → 4", 4, "Ad hoc", "no"),
        "Olaf Head": ("5 → 3", 3, "Ad hoc", "yes"),
    }
    needs = (
        "needs_named",
        "needs_met",
        "needs_in_progress",
        "needs_open",
        "needs_dropped",
        "never_acted_on",
    )
    assert tuple(rows[("Dan Rep",)][k] for k in needs) == (3, 0, 0, 2, 1, 1)
    assert tuple(rows[("Olaf Head",)][k] for k in needs) == (2, 0, 2, 0, 0, 0)
    learning = ("keeps_learning", "activities_12m", "hours_12m", "last_evidence_on")
    assert tuple(rows[("Olaf Head",)][k] for k in learning) == (
        "Active",
        2,
        3.0,
        "2026-07-01",
    )
    assert tuple(rows[("Mona Head",)][k] for k in learning) == (
        "Inactive",
        0,
        0.0,
        "2024-11-30",
    )


def test_a_big_group_is_paged_on_the_page_and_counted_whole(world, login_as, db):
    from reports import html

    _arrange(world, db)
    size = html.PAGE_SIZE
    html.PAGE_SIZE = 3
    try:
        client = login_as(world.hr)
        first = client.get("/reports/decision-evidence").get_data(as_text=True)
        second = client.get("/reports/decision-evidence?page=2").get_data(as_text=True)
        group = client.get(
            f"/reports/decision-evidence?department_id={world.support.id}&page=2"
        ).get_data(as_text=True)
        csv = client.get("/reports/decision-evidence.csv").get_data(as_text=True)
    finally:
        html.PAGE_SIZE = size
    assert "people 1–3 of 7" in first and "people 4–6 of 7" in second
    assert "<dd>7</dd>" in first and "<dd>7</dd>" in second  # everyone counted
    assert 'rel="next"' in first and "Page 2 of 3" in second
    assert (
        first.count('<th scope="row"><a href="/reports/decision-evidence?people=') == 3
    )
    assert group.count('class="card pack"') == 1  # Mona, the 4th of 4
    assert "<dd>4</dd>" in group
    assert csv.count("\n") == 8  # the header and every one of the 7 people
