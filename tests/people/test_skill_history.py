"""Skill history: every assessment per skill with its source and date, on the person
page (a chart with a table twin) and in the API (``skill-levels?history=1``), under the
skill levels' own rule (the person, their managers, HR)."""

from datetime import UTC, datetime

import pytest

from core.extensions import db
from people import services
from people.models import Employee, Skill
from people.queries import skill_history
from tests import factories as f
from tests.conftest import bearer
from tests.gates.matrix import ACTORS

T0 = datetime(2025, 3, 4, 9, tzinfo=UTC)
T1 = datetime(2025, 9, 10, 9, tzinfo=UTC)
T2 = datetime(2026, 2, 20, 9, tzinfo=UTC)


def _history(org) -> Skill:
    """Emma's Negotiation: HR's 2, a review's 3, a verified need's 4; Testing once."""
    emma = db.session.get(Employee, org.employee.employee_id)
    skill = f.make_skill(name="Negotiation")
    other = f.make_skill(name="Testing")
    # Written out of order: the history is sorted by date, not by insertion.
    services.record_skill_level(org.hr, emma, skill, 4, source="training_need", now=T2)
    services.record_skill_level(org.hr, emma, skill, 2, source="import", now=T0)
    services.record_skill_level(org.manager, emma, skill, 3, source="review", now=T1)
    services.record_skill_level(org.manager, emma, other, 3, source="manager", now=T1)
    db.session.commit()
    return skill


def test_the_history_query_lists_every_assessment_per_skill_oldest_first(org):
    skill = _history(org)
    rows = db.session.scalars(skill_history(org.employee.employee_id)).all()
    mine = [(r.level, r.source.title) for r in rows if r.skill_id == skill.id]
    assert mine == [(2, "HR"), (3, "Review"), (4, "Verified need")]
    assert len(rows) == 4


def test_the_person_page_shows_each_skills_history_as_a_chart_and_a_table(
    login_as, org
):
    _history(org)
    text = (
        login_as(org.manager)
        .get(f"/people/{org.employee.employee_id}")
        .get_data(as_text=True)
    )
    assert 'id="skill-history-heading"' in text
    section = text[text.index('id="skill-history-heading"') :]
    assert section.count("skill-history-chart") == 2  # Negotiation and Testing
    assert section.count('<circle class="dot') == 4
    assert "<title>4 Mar 2025: level 2, Advanced beginner (HR)</title>" in section
    assert "<title>20 Feb 2026: level 4, Proficient (Verified need)</title>" in section
    for date, level, source in (
        ("2025-03-04", "2 · Advanced beginner", "HR"),
        ("2025-09-10", "3 · Competent", "Review"),
        ("2026-02-20", "4 · Proficient", "Verified need"),
    ):
        assert (
            f'<tr><th scope="row" class="nowrap">{date}</th><td>{level}</td>'
            f"<td>{source}</td></tr>"
        ) in section
    # The skills table keeps the latest level: the verified need's 4.
    skills = text[text.index('id="skills-heading"') : text.index(section[:40])]
    assert "4 · Proficient" in skills


def test_the_skill_history_is_hidden_from_a_peer(login_as, org):
    _history(org)
    text = (
        login_as(org.peer)
        .get(f"/people/{org.employee.employee_id}")
        .get_data(as_text=True)
    )
    assert "skill-history" not in text and "Verified need" not in text


def test_the_api_returns_the_history_with_history_1(client, org):
    skill = _history(org)
    url = f"/api/v1/people/{org.employee.employee_id}/skill-levels"
    latest = client.get(url, headers=bearer(org.manager)).get_json()
    assert [(r["skill_name"], r["level"]) for r in latest] == [
        ("Negotiation", 4),
        ("Testing", 3),
    ]
    history = client.get(f"{url}?history=1", headers=bearer(org.manager)).get_json()
    assert [
        (r["skill_id"], r["level"], r["source"], r["source_label"], r["assessed_at"])
        for r in history
        if r["skill_id"] == skill.id
    ] == [
        (skill.id, 2, "import", "HR", "2025-03-04T09:00:00+00:00"),
        (skill.id, 3, "review", "Review", "2025-09-10T09:00:00+00:00"),
        (skill.id, 4, "training_need", "Verified need", "2026-02-20T09:00:00+00:00"),
    ]
    assert len(history) == 4


SEES = {"employee", "manager", "ceo", "hr"}  # the person, their managers, HR


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "anonymous"])
def test_the_history_has_the_skill_levels_rule_object_by_object(client, org, actor):
    _history(org)
    url = f"/api/v1/people/{org.employee.employee_id}/skill-levels?history=1"
    response = client.get(url, headers=bearer(org.actor(actor)))
    assert response.status_code == (200 if actor in SEES else 403)
    if actor not in SEES:
        assert "Negotiation" not in response.get_data(as_text=True)


def test_an_anonymous_caller_gets_401(client, org):
    url = f"/api/v1/people/{org.employee.employee_id}/skill-levels?history=1"
    assert client.get(url).status_code == 401


def test_history_takes_a_boolean_only(client, org):
    url = f"/api/v1/people/{org.employee.employee_id}/skill-levels?history=maybe"
    assert client.get(url, headers=bearer(org.hr)).status_code == 422
