"""Decision evidence: before a decision about a group (a department, or a list of
people), one pack per person — review history (overall rating per shared review, oldest
first, and the last one), the training needs their reviews named and what became of
each, their learning record — and a group summary.

Decisions the brief left open:
- Only reviews shared with the employee (or later) count: a draft is nobody's evidence.
  The whole history is shown; period and cycle filters do not apply.
- "Positive recent reviews": the last two shared reviews with an overall rating (or the
  only one) are all at or above the middle of their scale ("Meets expectations", 3 of
  5). The organisation "never acted on" a need as in the needs report.
- People with no shared review in the period (the pack's period is the whole history)
  are counted apart — "1 person has no review in the period" — and never in the
  denominator of "positive": twenty reviewed and positive people and one unreviewed are
  "20 of 20", not "20 of 21".
- Downloads: ``/reports/decision-evidence.csv`` is the one-line-per-person summary;
  ``/reports/decision-evidence.zip`` holds it with the packs' per-review and per-need
  CSVs (``reports.downloads``), every cell through the one safe CSV writer.
- Named people outside the caller's scope (or inactive) make the pack a 403; a
  department is intersected with the caller's scope. Opening the pack — HTML, CSV or
  JSON — writes an AuditEvent (``reports.views`` / ``reports.api``).
- Without a group (HR's whole organisation, a manager's whole subtree) the result is
  one line per person; the per-review and per-need tables — the packs — come with a
  department, a job title or a list of people.
- Without a group the figures are counted in the database — per person: the ratings
  (a window function numbers them), needs by status and never acted on, learning
  (``reports.learning_figures``) — so 5,000 people are 5,000 short rows, not 60,000
  reviews and needs; with a group the packs list every review and need and the same
  figures are taken from those rows (``test_the_whole_organisation_has_the_figures_of_
  the_packs``).
Statements (six either way): people, rating scales, reviews, needs, the learning
policy, learning.
"""

import sqlalchemy as sa

from core.errors import PermissionDenied
from core.extensions import db
from development.learning_record import current_policy
from people.models import Skill
from reports.base import SHARED, Filters, people_rows, scope_ids
from reports.learning_figures import NOTHING, Window, person_learning
from reports.needs import never_acted_on, never_acted_on_clause
from reports.result import Fact, ReportResult, Table, table_columns
from reviews.enums import TrainingNeedStatus as N
from reviews.models import (
    NeedEvidence,
    Review,
    ReviewCycle,
    ReviewTemplate,
    TrainingNeed,
)
from reviews.models.templates import DEFAULT_LABELS

SLUG = "decision-evidence"
TITLE = "Decision evidence"
DESCRIPTION = "One pack per person: reviews, training needs and their fate, learning."
FILTERS = ("department_id", "job_title", "people")
RECENT = 2
NO_REVIEW = "no reviews"  # "positive recent reviews" of someone with no shared review

COLUMNS = table_columns(
    """
    name              | Person
    job_title         | Job title
    department        | Department
    ratings_trend     | Overall ratings, oldest first
    last_overall      | Last overall rating
    last_review       | Last review
    positive_recent   | Positive recent reviews
    needs_named       | Needs named                     | number
    needs_met         | Met                             | number
    needs_in_progress | In progress                     | number
    needs_open        | Open                            | number
    needs_dropped     | Dropped                         | number
    never_acted_on    | Never acted on                  | number
    keeps_learning    | Keeps learning
    activities_12m    | Learning activities (12 months) | number
    hours_12m         | Hours (12 months)               | number
    last_evidence_on  | Last learning evidence
    """
)
REVIEWS = table_columns(
    """
    name       | Person
    review     | Review
    period_end | Period end
    overall    | Overall rating | number
    label      | Meaning
    """
)
NEEDS = table_columns(
    """
    name     | Person
    skill    | Skill
    named_on | Named
    due_on   | Due
    fate     | What happened
    """
)


def _scales() -> dict[int, list[str]]:
    """Template id -> rating labels (a handful of rows; decoded once, not per review)."""
    rows = db.session.execute(
        sa.select(ReviewTemplate.id, ReviewTemplate.rating_labels)
    )
    return {i: labels or DEFAULT_LABELS for i, labels in rows}


def _shared(scope: sa.Select):
    return Review.employee_id.in_(scope), Review.status.in_(SHARED)


def _review_list(scope: sa.Select) -> list:
    """Every shared review of the group, oldest first (the packs)."""
    return db.session.execute(
        sa.select(
            Review.employee_id,
            Review.period_end,
            Review.overall_rating,
            Review.template_id,
            sa.func.coalesce(ReviewCycle.name, "Ad hoc").label("review"),
        )
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(*_shared(scope))
        .order_by(Review.employee_id, Review.period_end, Review.id)
    ).all()


def _rated_history(scope: sa.Select) -> list:
    """Per person, of the shared reviews with an overall rating: "<position>:<rating>"
    of each, joined by commas in any order (ordered string aggregation differs between
    SQLite and PostgreSQL; the position, counted back from the last review by a window
    function, is a fixed-width number so the entries sort as text), and the rating,
    name of the last review, and the rating and template of each of the last
    ``RECENT``, the last first."""
    rated = (
        sa.select(
            Review.employee_id,
            Review.overall_rating,
            Review.template_id,
            sa.func.coalesce(ReviewCycle.name, "Ad hoc").label("review"),
            sa.func.row_number()
            .over(
                partition_by=Review.employee_id,
                order_by=(Review.period_end.desc(), Review.id.desc()),
            )
            .label("back"),
        )
        .outerjoin(ReviewCycle, ReviewCycle.id == Review.cycle_id)
        .where(*_shared(scope), Review.overall_rating.is_not(None))
        .subquery("rated")
    )
    text = sa.String()
    entry = (
        sa.cast(rated.c.back + sa.literal_column(str(POSITION)), text)
        + ":"
        + sa.cast(rated.c.overall_rating, text)
    )

    def of(back: int, column):
        return sa.func.max(sa.case((rated.c.back == back, column)))

    recent = [
        of(back, c)
        for back in range(1, RECENT + 1)
        for c in (rated.c.overall_rating, rated.c.template_id)
    ]
    return db.session.execute(
        sa.select(
            rated.c.employee_id,
            sa.func.aggregate_strings(entry, ","),
            of(1, rated.c.review),
            *recent,
        ).group_by(rated.c.employee_id)
    ).all()


def _need_list(scope: sa.Select) -> list:
    """Every training need of the group, oldest first (the packs)."""
    evidence = sa.exists().where(NeedEvidence.need_id == TrainingNeed.id)
    return db.session.execute(
        sa.select(
            TrainingNeed.employee_id,
            TrainingNeed.status,
            TrainingNeed.due_on,
            TrainingNeed.created_at,
            TrainingNeed.drop_reason,
            sa.or_(evidence, TrainingNeed.evidence_at.is_not(None)).label("evidence"),
            Skill.name.label("skill"),
        )
        .join(Skill, Skill.id == TrainingNeed.skill_id)
        .where(TrainingNeed.employee_id.in_(scope))
        .order_by(TrainingNeed.employee_id, TrainingNeed.created_at, TrainingNeed.id)
    ).all()


def _need_counts(scope: sa.Select, today) -> list:
    """Per person: needs named, by status, and never acted on (counted in SQL)."""

    def count(condition):
        return sa.func.sum(
            sa.case((condition, sa.literal_column("1")), else_=sa.literal_column("0"))
        )

    return db.session.execute(
        sa.select(
            TrainingNeed.employee_id,
            sa.func.count(TrainingNeed.id),
            *[count(TrainingNeed.status == s) for s in N],
            count(never_acted_on_clause(today)),
        )
        .where(TrainingNeed.employee_id.in_(scope))
        .group_by(TrainingNeed.employee_id)
    ).all()


def fate(need, today) -> str:
    if need.status is N.met:
        return "Met"
    if need.status is N.dropped:
        return f"Dropped: {need.drop_reason}" if need.drop_reason else "Dropped"
    if never_acted_on(need, today):
        return "Never acted on"
    if need.evidence:
        return "In progress (evidence linked)"
    return "Open, not yet due" if need.due_on else "Open"


def has_packs(filters: Filters) -> bool:
    """The per-review and per-need tables come with a chosen group."""
    return bool(filters.department_id or filters.people or filters.job_title)


def no_review_note(count: int) -> str:
    """The note on the people counted apart: "1 person has no review in the period"."""
    who = "1 person has" if count == 1 else f"{count} people have"
    verb = "is" if count == 1 else "are"
    return (
        f"{who} no review in the period and {verb} not counted in "
        "“Positive recent reviews”."
    )


def is_positive(rating: int, labels) -> bool:
    return 2 * rating >= len(labels) + 1


NEED_KEYS = ("named", *[s.value for s in N], "never")
NO_NEEDS = dict.fromkeys(NEED_KEYS, 0)
NO_REVIEWS: tuple = ((), None, ())
POSITION = 100_000  # + the position: six digits, sortable as text


def build(filters: Filters, actor, today) -> ReportResult:
    people = people_rows(actor, filters)
    if filters.people and len(people) < len(set(filters.people)):
        raise PermissionDenied("The pack names someone outside your reports.")
    if not people:
        return _summarise([], [], [])
    scope = scope_ids(actor, filters)
    # The per-review and per-need tables (the packs) come with a chosen group; for a
    # whole organisation the result is one line per person, its figures counted in
    # the database (the same rules: tests/reports/test_decision_evidence.py).
    detailed = has_packs(filters)
    scales = _scales()
    review_rows, need_rows = [], []
    if detailed:
        name = {p.id: p.name for p in people}
        history, needs = _packs(
            _review_list(scope),
            _need_list(scope),
            name,
            scales,
            today,
            review_rows,
            need_rows,
        )
    else:
        history = _histories(_rated_history(scope))
        needs = {
            employee_id: dict(zip(NEED_KEYS, counts, strict=True))
            for employee_id, *counts in _need_counts(scope, today)
        }
    policy = current_policy()
    learning = person_learning(scope, Window.of(today, 12, policy), policy)
    rows = []
    for p in people:
        trend, last_review, recent = history.get(p.id, NO_REVIEWS)
        counts = needs.get(p.id, NO_NEEDS)
        record = learning.get(p.id, NOTHING)
        if recent:
            positive = all(is_positive(r, scales[t]) for r, t in recent)
            positive_recent = "yes" if positive else "no"
        else:
            positive_recent = NO_REVIEW
        last = record.last_evidence_on
        rows.append(
            {
                "name": p.name,
                "job_title": p.job_title,
                "department": p.department,
                "ratings_trend": " → ".join(trend),
                "last_overall": recent[-1][0] if recent else None,
                "last_review": last_review,
                "positive_recent": positive_recent,
                "needs_named": counts["named"],
                "needs_met": counts["met"],
                "needs_in_progress": counts["in_progress"],
                "needs_open": counts["open"],
                "needs_dropped": counts["dropped"],
                "never_acted_on": counts["never"],
                "keeps_learning": record.status.title,
                "activities_12m": record.activities,
                "hours_12m": round(record.hours, 1),
                "last_evidence_on": last.isoformat() if last else None,
                "employee_id": p.id,
                "name_url": ("pack", p.id),
            }
        )
    return _summarise(rows, review_rows, need_rows)


def _histories(rows) -> dict[int, tuple]:
    """Employee id -> (ratings trend, last review's name, [(rating, template id)] of
    the last ``RECENT`` reviews with a rating, oldest first)."""
    width = len(str(POSITION))
    out = {}
    for employee_id, entries, review, *recent in rows:
        trend = [e[width + 1 :] for e in sorted(entries.split(","), reverse=True)]
        pairs = [
            (recent[i], recent[i + 1])
            for i in range(len(recent) - 2, -1, -2)
            if recent[i] is not None
        ]
        out[employee_id] = (trend, review, pairs)
    return out


def _packs(reviews, needs, name, scales, today, review_rows, need_rows):
    """The packs' rows (appended to ``review_rows`` and ``need_rows``), and each
    person's rated history and need counts, as ``_histories`` and ``_need_counts``."""
    rated: dict[int, list] = {}
    for r in reviews:
        labels = scales[r.template_id]
        rating = r.overall_rating
        if rating is not None:
            rated.setdefault(r.employee_id, []).append(r)
        review_rows.append(
            {
                "name": name[r.employee_id],
                "review": r.review,
                "period_end": r.period_end.isoformat(),
                "overall": rating,
                "label": labels[rating - 1] if rating and rating <= len(labels) else "",
                "employee_id": r.employee_id,
            }
        )
    counts: dict[int, dict] = {}
    for n in needs:
        what = fate(n, today)
        mine = counts.get(n.employee_id)
        if mine is None:
            mine = counts[n.employee_id] = dict(NO_NEEDS)
        mine["named"] += 1
        mine[n.status.value] += 1
        mine["never"] += what == "Never acted on"
        need_rows.append(
            {
                "name": name[n.employee_id],
                "skill": n.skill,
                "named_on": n.created_at.date().isoformat(),
                "due_on": n.due_on.isoformat() if n.due_on else None,
                "fate": what,
                "employee_id": n.employee_id,
            }
        )
    history = {
        employee_id: (
            [str(r.overall_rating) for r in mine],
            mine[-1].review,
            [(r.overall_rating, r.template_id) for r in mine[-RECENT:]],
        )
        for employee_id, mine in rated.items()
    }
    return history, counts


def _summarise(rows, review_rows, need_rows) -> ReportResult:
    # People without a shared review are counted apart, never in the denominator of
    # "positive" (a principal with no reviews once made twenty positives "20 of 21").
    positive = sum(r["positive_recent"] == "yes" for r in rows)
    unreviewed = sum(r["positive_recent"] == NO_REVIEW for r in rows)
    reviewed = len(rows) - unreviewed
    named = sum(r["needs_named"] for r in rows)
    never = sum(r["never_acted_on"] for r in rows)
    notes = []
    if positive and never:
        notes.append(
            f"{positive} of {reviewed} reviewed people had positive recent reviews, "
            f"and the organisation never acted on {never} of the {named} training "
            "needs their reviews named. Weigh that before any decision about them."
        )
    if unreviewed:
        notes.append(no_review_note(unreviewed))
    return ReportResult(
        COLUMNS,
        rows,
        None,
        facts=[
            Fact("People", len(rows)),
            Fact("Positive recent reviews", f"{positive} of {reviewed}"),
            Fact("No review in the period", unreviewed),
            Fact("Training needs named", named),
            Fact("Met", sum(r["needs_met"] for r in rows)),
            Fact("Never acted on by the organisation", never, never > 0),
        ],
        notes=notes,
        tables=[
            Table("Reviews", REVIEWS, review_rows),
            Table("Training needs and what happened to them", NEEDS, need_rows),
        ],
        caption="One line per person",
    )
