"""A person's skill history on their page: per skill, every assessed level with its
source (a shared review, a training need verified met, a manager, HR) and date, as a
small line chart with a table twin (the chart's numbers, for screen readers and print).

Built from the one statement of ``people.queries.skill_history``, which also gives the
latest level per skill for the skills table: the page's statement count does not grow
with skills or assessments (the query-budget gate grows both).

Decision the brief left open: the x axis spaces assessments evenly, in order, rather
than by elapsed time — a skill assessed twice in a week and once a year later stays
readable — and the dates under it are the first and last (all of them up to three);
every point has its date, level and source in a ``<title>`` and in the table.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from core.charts import Chart, Frame, line_chart, series_class
from people.enums import PROFICIENCY_LABELS
from people.models import EmployeeSkillLevel, Skill

FRAME = Frame(360, 150, 28, 14, 10, 30)
ALL_LABELS_UP_TO = 3  # more points: the first and last dates only (never overlapping)


def day(moment) -> str:
    """``3 Dec 2025``: short enough for three labels under a small chart."""
    return f"{moment.day} {moment:%b %Y}"


@dataclass
class HistoryPoint:
    level: int
    label: str  # "Competent"
    source: str  # "Review", "Verified need", "HR"
    assessed_at: object
    x: float = 0.0
    y: float = 0.0

    @property
    def said(self) -> str:
        return (
            f"{day(self.assessed_at)}: level {self.level}, {self.label} ({self.source})"
        )


@dataclass
class SkillHistory:
    skill: Skill
    points: list[HistoryPoint]  # oldest first
    chart: Chart

    @property
    def latest(self) -> HistoryPoint:
        return self.points[-1]


def skill_histories(rows: Sequence[EmployeeSkillLevel]) -> dict[int, SkillHistory]:
    """skill id -> its history, from ``skill_history`` rows (per skill, oldest first)."""
    by_skill: dict[int, list[EmployeeSkillLevel]] = {}
    for row in rows:
        by_skill.setdefault(row.skill_id, []).append(row)
    return {
        skill_id: _history(assessments) for skill_id, assessments in by_skill.items()
    }


def _history(assessments: list[EmployeeSkillLevel]) -> SkillHistory:
    skill = assessments[0].skill
    points = [
        HistoryPoint(
            a.level,
            PROFICIENCY_LABELS.get(a.level, ""),
            a.source.title,
            a.assessed_at,
        )
        for a in assessments
    ]
    n = len(points)
    shown = range(n) if n <= ALL_LABELS_UP_TO else (0, n - 1)
    chart = line_chart(
        FRAME,
        [day(p.assessed_at) for p in points],
        [(skill.name, series_class(0), [p.level for p in points])],
        (1, 5),
        (1, 2, 3, 4, 5),
        f"{skill.name}, assessed level over time: "
        + "; ".join(p.said for p in points)
        + ".",
        shown=shown,
    )
    for point, (x, y, _) in zip(points, chart.lines[0].points, strict=True):
        point.x, point.y = x, y
    return SkillHistory(skill, points, chart)
