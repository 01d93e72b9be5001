"""What a person has to do now: the to-do list at the top of Home and
``GET /api/v1/me/todos``.

``home.todo_sources`` reads every source in one statement (and states the rules of each);
here each row is worded ("Write your part of Eva Haas’s review"), linked to the page where
it is done, given its due date and ``core.due``'s overdue mark, and sorted: overdue first
(oldest first), then by due date, then the undated. Evidence to verify for several people
becomes one item, as the team page verifies it in one step; so do more than
``APPROVALS_LISTED`` interviews awaiting approval (a senior manager approves at any depth:
at 20,000 people the CEO had 204 such items), linked to the team page's approval list.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from flask import url_for

from core.due import due_state
from home.todo_sources import APPROVALS_LISTED, todo_rows
from reviews.goal_due import next_check_in_on


@dataclass(frozen=True)
class Todo:
    kind: str
    title: str  # what to do, in words
    person: str  # for whom ("You" for one's own)
    due_on: date | None
    is_overdue: bool
    days_overdue: int
    url: str
    count: int = 1


def _aware(at):
    if at is None or isinstance(at, str):
        return None if at is None else datetime.fromisoformat(at)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _words(row, step: str) -> tuple[str, str, str]:
    """(what to do, for whom, where) of one row."""
    k, oid, about, n = row.kind, row.object_id, row.about, row.count
    activities = "activity" if n == 1 else "activities"
    reviews = "review" if n == 1 else "reviews"
    # Each entry is made only when asked for: one url_for per row, not one per kind.
    table = {
        "self_assessment": lambda: (
            f"Write your self-assessment for {about}",
            "You",
            url_for("reviews.edit_self_assessment", review_id=oid),
        ),
        "sign_off": lambda: (
            f"Read and acknowledge your review for {about}",
            "You",
            url_for("reviews.detail", review_id=oid),
        ),
        "manager_part": lambda: (
            f"Finish and share {about}’s review"
            if step == "share"
            else f"Write your part of {about}’s review",
            about,
            url_for("reviews.edit_manager_assessment", review_id=oid),
        ),
        "approval": lambda: (
            f"Approve or refuse {about}’s informational interview (over the monthly"
            " limit)",
            about,
            url_for("development.interview", interview_id=oid),
        ),
        "verify": lambda: (
            f"Verify {n} completed {activities} of {about}",
            about,
            url_for("development.team") + "#verify-heading",
        ),
        "need": lambda: (
            f"Work on your training need: {about}",
            "You",
            url_for("reviews.need_detail", need_id=oid),
        ),
        "thank_you": lambda: (
            f"Send a thank-you for your interview with {about}",
            "You",
            url_for("development.interview", interview_id=oid),
        ),
        "follow_up": lambda: (
            f"Follow up with {about}",
            "You",
            url_for("development.interview", interview_id=oid),
        ),
        "goal_target": lambda: (
            f"Your goal “{about}” is past its target date: record how it ended",
            "You",
            url_for("reviews.goal_detail", goal_id=oid),
        ),
        "goal_check_in": lambda: (
            f"Check in on your goal “{about}”",
            "You",
            url_for("reviews.goal_detail", goal_id=oid),
        ),
        "cycle_late": lambda: (
            f"{n} {reviews} late on a step in {about}",
            "HR",
            # The report names who is late on which step.
            url_for("reports.cycle_progress", cycle_id=oid),
        ),
        "cycle_close": lambda: (
            f"Close {about}: its sign-off date has passed",
            "HR",
            url_for("reviews.cycle_detail", cycle_id=oid),
        ),
        "quality": lambda: (
            f"Look at {n} {reviews} flagged for quality",
            "HR",
            url_for("reviews.quality"),
        ),
    }
    return table[k]()


def _due(row, today: date) -> date | None:
    due_on, at = row.due_on, _aware(row.at)
    if isinstance(due_on, str):
        due_on = date.fromisoformat(due_on[:10])
    if row.kind == "thank_you":
        ended = at.date() if at else due_on
        return ended + timedelta(days=1) if ended else None
    if row.kind == "goal_check_in":
        return next_check_in_on(row.count, due_on, at)
    return due_on


def todos_for(user, today: date, now: datetime) -> list[Todo]:
    """The user's to-dos, overdue first (oldest first), then by due date."""
    items = []
    rows = todo_rows(user, today, now)
    approvals = [row for row in rows if row.kind == "approval"]
    merge = len(approvals) > APPROVALS_LISTED  # worded once, not once a row
    for row in rows:
        if merge and row.kind == "approval":
            continue
        title, person, url = _words(row, row[-1])
        due_on = _due(row, today)
        state = due_state(due_on, today)
        items.append(
            Todo(
                row.kind,
                title,
                person,
                due_on,
                state.is_overdue,
                state.days_overdue,
                url,
                # goal check-ins: ``count`` is the cadence's days; approvals: the total
                1 if row.kind in ("goal_check_in", "approval") else row.count,
            )
        )
    items = _one_verify_item(items)
    if merge:
        items.append(_approvals_item(approvals, today))
    items.sort(
        key=lambda t: (
            not t.is_overdue,
            t.due_on is None,
            t.due_on or date.max,
            t.title,
        )
    )
    return items


def _one_verify_item(items: list[Todo]) -> list[Todo]:
    """Evidence to verify for several people is one item (one page, one bulk step):
    "Verify 17 completed activities of 4 people: Eva Haas 9, Nora Nakamura 4, …"."""
    verify = sorted(
        (t for t in items if t.kind == "verify"), key=lambda t: (-t.count, t.person)
    )
    if len(verify) < 2:
        return items
    total = sum(t.count for t in verify)
    names = ", ".join(f"{t.person} {t.count}" for t in verify)
    merged = Todo(
        "verify",
        f"Verify {total} completed activities of {len(verify)} people: {names}",
        "Your team",
        None,
        False,
        0,
        verify[0].url,
        total,
    )
    return [t for t in items if t.kind != "verify"] + [merged]


def _approvals_item(rows: list, today: date) -> Todo:
    """More than ``APPROVALS_LISTED`` interviews to approve: one item to the team page's
    list, which approves each in one click ("Approve or refuse 12 informational
    interviews over the monthly limit: Eva Haas, Nora Nakamura, Ola Berg …": the first
    people by name)."""
    dated = sorted(
        ((_due(row, today), row.about) for row in rows),
        key=lambda pair: (pair[0] or date.max, pair[1]),
    )
    names = ", ".join(list(dict.fromkeys(name for _, name in dated))[:3])
    first_due = dated[0][0]
    state = due_state(first_due, today)
    total = rows[0].count  # the SQL sends the first few, each with the total
    return Todo(
        "approval",
        f"Approve or refuse {total} informational interviews over the monthly"
        f" limit: {names} …",
        "Your team",
        first_due,
        state.is_overdue,
        state.days_overdue,
        url_for("development.team") + "#approve-heading",
        total,
    )
