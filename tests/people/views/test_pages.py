"""HTML pages of the people area: rendering, HR forms, inline errors, gates, query budget."""

import pytest
import sqlalchemy as sa

from people.enums import SkillLevelSource
from people.models import (
    Department,
    Employee,
    EmployeeSkillLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    User,
)
from tests import factories as f


def _employee(db, user) -> Employee:
    return db.session.get(Employee, user.employee_id)


def _snapshot(db, model) -> list[tuple]:
    """Every row of ``model`` as plain tuples, to prove a failed form changed nothing."""
    table = model.__table__
    return [tuple(r) for r in db.session.execute(sa.select(table).order_by(table.c.id))]


def _person_form(emp: Employee, **overrides) -> dict:
    values = {
        "name": emp.name,
        "email": emp.email,
        "job_title": emp.job_title,
        "department_id": emp.department_id or "",
        "manager_id": emp.manager_id or "",
        "hired_on": emp.hired_on.isoformat() if emp.hired_on else "",
        "is_active": "true",
        "version": emp.version,
    }
    return {k: str(v) for k, v in {**values, **overrides}.items()}


# --- pages render ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "text"),
    [
        ("employee", "My profile"),
        ("manager", "My team"),
        ("hr", "Role profiles"),
        ("admin", "Accounts and roles"),
    ],
)
def test_home_shows_the_panel_for_each_role(login_as, org, actor, text):
    response = login_as(org.actor(actor)).get("/")
    assert response.status_code == 200
    assert text in response.get_data(as_text=True)


def test_home_counts_indirect_reports_for_a_manager(login_as, org):
    page = login_as(org.ceo).get("/").get_data(as_text=True)
    assert "1 direct report, 2 indirect" in page


@pytest.mark.parametrize(
    "path",
    ["/people", "/departments", "/skills", "/role-profiles"],
)
def test_list_pages_render_for_an_employee(login_as, org, path):
    assert login_as(org.employee).get(path).status_code == 200


def test_directory_search_filters_by_name(login_as, org):
    page = login_as(org.employee).get("/people?q=rita").get_data(as_text=True)
    assert "Rita Report" in page and "Emma Employee" not in page


def test_directory_filters_by_department(login_as, org):
    url = f"/people?department_id={org.other_department.id}"
    page = login_as(org.employee).get(url).get_data(as_text=True)
    assert "Olga Other" in page and "Emma Employee" not in page


def test_directory_hides_inactive_people_from_employees(db, login_as, org):
    _employee(db, org.peer).is_active = False
    db.session.commit()
    page = login_as(org.employee).get("/people").get_data(as_text=True)
    assert "Piet Peer" not in page


def test_person_page_shows_manager_chain(login_as, org):
    page = login_as(org.peer).get(f"/people/{org.employee.employee_id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert text.index("Max Manager") < text.index("Cora Chief")


def test_person_page_shows_skill_gap_to_the_manager(db, login_as, org):
    emp = _employee(db, org.employee)
    skill = f.make_skill(name="Testing")
    profile = f.make_role_profile(job_title=emp.job_title)
    db.session.add(
        RoleProfileSkill(
            role_profile_id=profile.id, skill_id=skill.id, expected_level=4
        )
    )
    db.session.add(
        EmployeeSkillLevel(
            employee_id=emp.id,
            skill_id=skill.id,
            level=2,
            source=SkillLevelSource.manager,
        )
    )
    db.session.commit()
    text = login_as(org.manager).get(f"/people/{emp.id}").get_data(as_text=True)
    assert "Advanced beginner" in text and "2 levels below" in text


def test_person_page_hides_skill_levels_from_a_peer(login_as, org):
    text = (
        login_as(org.peer)
        .get(f"/people/{org.employee.employee_id}")
        .get_data(as_text=True)
    )
    assert 'id="skills-heading"' not in text


def test_inactive_person_is_not_found_for_an_employee(db, login_as, org):
    _employee(db, org.peer).is_active = False
    db.session.commit()
    response = login_as(org.employee).get(f"/people/{org.peer.employee_id}")
    assert response.status_code == 404


def test_department_page_nests_reports_under_their_manager(login_as, org):
    text = (
        login_as(org.employee)
        .get(f"/departments/{org.department.id}")
        .get_data(as_text=True)
    )
    chart = text[text.index('class="org-chart"') :]
    assert chart.index("Cora Chief") < chart.index("Max Manager") < chart.index("Emma")
    assert chart.count("<ul>") >= 2  # ceo > manager > reports


def test_role_profile_page_lists_expected_levels(db, login_as, org):
    skill = f.make_skill(name="Negotiation")
    profile = f.make_role_profile(job_title="Account Executive")
    db.session.add(
        RoleProfileSkill(
            role_profile_id=profile.id, skill_id=skill.id, expected_level=3
        )
    )
    db.session.commit()
    text = (
        login_as(org.employee)
        .get(f"/role-profiles/{profile.id}")
        .get_data(as_text=True)
    )
    assert "Negotiation" in text and "3 · Competent" in text and "Rita Report" in text


def test_accounts_page_lists_accounts_for_admin(login_as, org):
    text = login_as(org.admin).get("/admin/accounts").get_data(as_text=True)
    assert org.employee.email in text


# --- HR changes things -------------------------------------------------------------


def test_hr_creates_a_person(db, login_as, org):
    form = {"name": "Nina New", "email": "nina@example.com", "job_title": "Engineer"}
    form["manager_id"] = str(org.manager.employee_id)
    response = login_as(org.hr).post("/people/new", data=form)
    assert response.status_code == 302
    nina = db.session.scalar(sa.select(Employee).where(Employee.name == "Nina New"))
    assert nina.manager_id == org.manager.employee_id


def test_hr_edits_a_person(db, login_as, org):
    emp = _employee(db, org.employee)
    form = _person_form(emp, job_title="Senior Engineer")
    response = login_as(org.hr).post(f"/people/{emp.id}/edit", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Employee, emp.id).job_title == "Senior Engineer"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", lambda org: "", "name-error"),
        ("email", lambda org: "not-an-email", "email-error"),
        ("email", lambda org: org.other_manager.email, "already used"),
        ("manager_id", lambda org: str(org.employee.employee_id), "loop in the org"),
    ],
    ids=["missing-name", "bad-email", "duplicate-email", "manager-loop"],
)
def test_bad_person_form_shows_inline_error_and_saves_nothing(
    db, login_as, org, field, value, message
):
    emp = _employee(db, org.manager)  # Emma reports to Max: Emma as his manager loops
    value = value(org)
    before = _snapshot(db, Employee)
    response = login_as(org.hr).post(
        f"/people/{emp.id}/edit", data=_person_form(emp, **{field: value})
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in text and f'aria-describedby="{field}-error"' in text
    assert _snapshot(db, Employee) == before


def test_duplicate_email_on_create_is_shown_inline(db, login_as, org):
    form = {"name": "Dup", "email": org.peer.email}
    response = login_as(org.hr).post("/people/new", data=form)
    assert response.status_code == 422
    assert "already used" in response.get_data(as_text=True)


def test_stale_version_is_a_conflict_and_saves_nothing(db, login_as, org):
    emp = _employee(db, org.employee)
    form = _person_form(emp, job_title="Changed", version=str(emp.version - 1 or 99))
    before = _snapshot(db, Employee)
    response = login_as(org.hr).post(f"/people/{emp.id}/edit", data=form)
    assert response.status_code == 409
    assert "Reload the current record" in response.get_data(as_text=True)
    assert _snapshot(db, Employee) == before


def test_department_cycle_is_shown_inline_and_saves_nothing(db, login_as, org):
    child = f.make_department(name="Platform", parent_id=org.department.id)
    db.session.commit()
    dept = org.department
    form = {"name": dept.name, "parent_id": str(child.id), "version": str(dept.version)}
    before = _snapshot(db, Department)
    response = login_as(org.hr).post(f"/departments/{dept.id}/edit", data=form)
    assert response.status_code == 422
    assert "cannot sit inside itself" in response.get_data(as_text=True)
    assert _snapshot(db, Department) == before


def test_hr_creates_a_role_profile_from_level_fields(db, login_as, org):
    a, b = f.make_skill(name="A"), f.make_skill(name="B")
    db.session.commit()
    form = {"job_title": "Analyst", f"level_{a.id}": "3", f"level_{b.id}": ""}
    assert login_as(org.hr).post("/role-profiles/new", data=form).status_code == 302
    rows = db.session.scalars(sa.select(RoleProfileSkill)).all()
    assert [(r.skill_id, r.expected_level) for r in rows] == [(a.id, 3)]


def test_role_profile_level_out_of_range_is_shown_inline(db, login_as, org):
    skill = f.make_skill(name="A")
    db.session.commit()
    form = {"job_title": "Analyst", f"level_{skill.id}": "9"}
    response = login_as(org.hr).post("/role-profiles/new", data=form)
    assert response.status_code == 422
    assert f'id="level_{skill.id}-error"' in response.get_data(as_text=True)
    assert _snapshot(db, RoleProfile) == []


def test_hr_renames_a_skill(db, login_as, org):
    skill = f.make_skill(name="Old")
    db.session.commit()
    form = {"name": "New", "version": str(skill.version)}
    assert (
        login_as(org.hr).post(f"/skills/{skill.id}/edit", data=form).status_code == 302
    )
    db.session.expire_all()
    assert db.session.get(Skill, skill.id).name == "New"


def test_admin_grants_hr_to_an_account(db, login_as, org):
    form = {"is_hr": "true", "is_enabled": "true"}
    response = login_as(org.admin).post(f"/admin/accounts/{org.peer.id}", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, org.peer.id).is_hr is True


def test_admin_cannot_change_their_own_account(db, login_as, org):
    response = login_as(org.admin).post(f"/admin/accounts/{org.admin.id}", data={})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(User, org.admin.id).is_admin is True


# --- non-HR writes are refused before the input is read ----------------------------


def test_employee_cannot_create_a_person(db, login_as, org):
    before = _snapshot(db, Employee)
    form = {"name": "Sneaky", "email": "sneaky@example.com"}
    assert login_as(org.manager).post("/people/new", data=form).status_code == 403
    assert _snapshot(db, Employee) == before


def test_manager_cannot_edit_their_report(db, login_as, org):
    emp = _employee(db, org.employee)
    before = _snapshot(db, Employee)
    form = _person_form(emp, job_title="Promoted")
    response = login_as(org.manager).post(f"/people/{emp.id}/edit", data=form)
    assert response.status_code == 403
    assert _snapshot(db, Employee) == before
