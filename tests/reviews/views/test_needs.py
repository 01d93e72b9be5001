"""HTML pages for training needs and the gap table: the whole loop through the forms
(named → evidenced → verified → skill level on the person page), refusals inline, who
may verify, team ordering, and gap proposals that never duplicate an open need."""

import re
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from people.enums import SkillLevelSource
from people.models import EmployeeSkillLevel, RoleProfileSkill
from reviews import services
from reviews.enums import TrainingNeedSource, TrainingNeedStatus
from reviews.models import NeedEvidence, TrainingNeed
from tests import factories as f
from tests.conftest import sign_in


@pytest.fixture
def skill(db):
    skill = f.make_skill(name="Incident response")
    db.session.commit()
    return skill


@pytest.fixture
def need(db, org, skill):
    need = services.create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": skill.id,
            "target_level": 3,
            "due_on": date(2026, 9, 1),
        },
        now=datetime(2026, 6, 1, 9, tzinfo=UTC),
    )
    db.session.commit()
    return need


def _status(db, need_id):
    db.session.expire_all()
    return db.session.get(TrainingNeed, need_id).status


@pytest.mark.parametrize(
    ("actor", "path", "text"),
    [
        ("employee", "/reviews/needs", "Incident response"),
        ("employee", "/reviews/needs/{need}", "Add evidence"),
        ("manager", "/reviews/needs/{need}", "Verify or drop"),
        ("hr", "/reviews/needs/{need}", "Drop the need"),
        ("manager", "/reviews/needs/team", "Emma Employee"),
        ("ceo", "/reviews/needs/team", "Incident response"),
        ("hr", "/reviews/needs/team", "Choose a department"),
        ("manager", "/reviews/needs/new", "New training need"),
        ("manager", "/reviews/gaps", "Skill gaps"),
        ("hr", "/reviews/gaps", "Choose a department"),
        ("employee", "/", "My training needs"),
    ],
)
def test_need_page_renders_for_an_allowed_role(login_as, org, need, actor, path, text):
    response = login_as(getattr(org, actor)).get(path.format(need=need.id))
    assert response.status_code == 200
    assert text in response.get_data(as_text=True)


def test_owner_sees_no_verify_form(login_as, org, need):
    html = (
        login_as(org.employee).get(f"/reviews/needs/{need.id}").get_data(as_text=True)
    )
    assert "Verify met" not in html and "Drop the need" not in html


def test_the_loop_through_html_ends_in_a_higher_skill_level(db, client, org, skill):
    emma = org.employee.employee_id
    sign_in(client, org.manager)
    data = {
        "employee_id": str(emma),
        "skill_id": str(skill.id),
        "current_level": "2",
        "target_level": "4",
        "priority": "high",
        "due_on": "2096-10-01",
    }
    response = client.post("/reviews/needs/new", data=data)
    assert response.status_code == 302
    need_id = int(re.search(r"/needs/(\d+)", response.headers["Location"]).group(1))

    sign_in(client, org.employee)
    evidence = {"note": "Ran two game days", "url": "https://wiki.example.com/gd"}
    response = client.post(f"/reviews/needs/{need_id}/evidence", data=evidence)
    assert response.status_code == 302
    assert _status(db, need_id) is TrainingNeedStatus.in_progress

    sign_in(client, org.manager)
    response = client.post(f"/reviews/needs/{need_id}/verify")
    assert response.status_code == 302
    assert _status(db, need_id) is TrainingNeedStatus.met
    level = db.session.scalar(
        sa.select(EmployeeSkillLevel).where(EmployeeSkillLevel.employee_id == emma)
    )
    assert (level.level, level.source) == (4, SkillLevelSource.training_need)
    html = client.get(f"/people/{emma}").get_data(as_text=True)
    row = html.split('<th scope="row">Incident response</th>', 1)[1].split("</tr>")[0]
    assert "<td>4 · " in row


def test_owner_cannot_verify(db, client, org, need):
    services.link_evidence(org.employee, need, note="Course done")
    db.session.commit()
    sign_in(client, org.employee)
    assert client.post(f"/reviews/needs/{need.id}/verify").status_code == 403
    assert _status(db, need.id) is TrainingNeedStatus.in_progress


def test_verify_without_evidence_is_refused_inline(db, client, org, need):
    sign_in(client, org.manager)
    response = client.post(f"/reviews/needs/{need.id}/verify")
    assert response.status_code == 422
    assert "Link evidence first." in response.get_data(as_text=True)
    assert _status(db, need.id) is TrainingNeedStatus.open


def test_empty_evidence_is_refused_inline(db, client, org, need):
    sign_in(client, org.employee)
    response = client.post(f"/reviews/needs/{need.id}/evidence", data={"note": " "})
    assert response.status_code == 422
    assert "Describe the evidence" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(NeedEvidence.id))) == 0


def test_drop_without_reason_is_refused_inline(db, client, org, need):
    sign_in(client, org.manager)
    response = client.post(f"/reviews/needs/{need.id}/drop", data={"reason": ""})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="reason-error"' in html and 'aria-invalid="true"' in html
    assert _status(db, need.id) is TrainingNeedStatus.open


def test_drop_with_a_reason_keeps_it(db, client, org, need):
    sign_in(client, org.manager)
    data = {"reason": "Moved to the data team"}
    assert client.post(f"/reviews/needs/{need.id}/drop", data=data).status_code == 302
    assert _status(db, need.id) is TrainingNeedStatus.dropped
    html = client.get(f"/reviews/needs/{need.id}").get_data(as_text=True)
    assert "Moved to the data team" in html


def test_owner_cannot_drop(client, org, need):
    sign_in(client, org.employee)
    data = {"reason": "Not for me"}
    assert client.post(f"/reviews/needs/{need.id}/drop", data=data).status_code == 403


def test_peer_cannot_see_another_persons_need(login_as, org, need):
    assert login_as(org.peer).get(f"/reviews/needs/{need.id}").status_code == 404


def test_team_needs_put_overdue_first(db, login_as, org, skill):
    other = f.make_skill(name="Zebra skills")
    for person, s, due in (
        (org.employee, skill, date(2099, 1, 1)),
        (org.peer, other, date(2020, 1, 1)),
    ):
        db.session.add(
            TrainingNeed(
                employee_id=person.employee_id,
                skill_id=s.id,
                target_level=3,
                source=TrainingNeedSource.manager,
                due_on=due,
            )
        )
    db.session.commit()
    html = login_as(org.manager).get("/reviews/needs/team").get_data(as_text=True)
    assert html.index("Zebra skills") < html.index("Incident response")
    assert "Overdue" in html


@pytest.fixture
def gaps(db, org, skill):
    """Emma's title expects Incident response 4 and Writing 3; she is assessed at 2 in
    Incident response and not at all in Writing."""
    writing = f.make_skill(name="Writing")
    profile = f.make_role_profile(job_title="Engineer")
    for s, level in ((skill, 4), (writing, 3)):
        db.session.add(
            RoleProfileSkill(
                role_profile_id=profile.id, skill_id=s.id, expected_level=level
            )
        )
    db.session.add(
        EmployeeSkillLevel(
            employee_id=org.employee.employee_id,
            skill_id=skill.id,
            level=2,
            source=SkillLevelSource.manager,
        )
    )
    db.session.commit()


def test_gap_table_shows_numbers_and_colours(login_as, org, gaps):
    html = login_as(org.manager).get("/reviews/gaps").get_data(as_text=True)
    assert '<th scope="col">Incident response</th>' in html
    assert 'class="gap-cell gap-2"' in html and "2 / 4" in html
    assert "current 2, expected 4: 2 below" in html
    assert "not assessed, expected 3" in html


def test_employee_cannot_see_the_gap_table(login_as, org, gaps):
    assert login_as(org.employee).get("/reviews/gaps").status_code == 403


def test_hr_picks_a_department(login_as, org, gaps):
    url = f"/reviews/gaps?department_id={org.department.id}"
    html = login_as(org.hr).get(url).get_data(as_text=True)
    assert "Emma Employee" in html and "2 / 4" in html


def test_gaps_propose_creates_needs_once(db, client, org, gaps):
    sign_in(client, org.manager)
    ids = [str(org.employee.employee_id), str(org.peer.employee_id)]
    data = {"employee_ids": ids}
    assert client.post("/reviews/gaps/propose", data=data).status_code == 302
    count = sa.select(sa.func.count(TrainingNeed.id))
    assert db.session.scalar(count) == 4  # two gaps each (Piet is not assessed)
    response = client.post("/reviews/gaps/propose", data=data, follow_redirects=True)
    assert "No new needs" in response.get_data(as_text=True)
    assert db.session.scalar(count) == 4


def test_gaps_propose_for_someone_outside_the_team_is_refused(db, client, org, gaps):
    sign_in(client, org.manager)
    data = {"employee_ids": [str(org.other_report.employee_id)]}
    assert client.post("/reviews/gaps/propose", data=data).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(TrainingNeed.id))) == 0
