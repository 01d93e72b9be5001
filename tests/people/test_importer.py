import sqlalchemy as sa

from core.extensions import db
from people.models import Department, Employee, User

HEADER = "email,name,job_title,department,manager_email,hired_on\n"
GOOD = (
    HEADER + "boss@x.com,Bea Boss,CEO,Executive,,2020-01-01\n"
    "ann@x.com,Ann A,Engineer,Engineering,boss@x.com,2021-05-01\n"
    "bob@x.com,Bob B,Engineer,Engineering,ann@x.com,\n"
)


def _write(tmp_path, text):
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_import_creates_people_departments_and_managers(runner, tmp_path):
    result = runner.invoke(args=["people", "import", _write(tmp_path, GOOD)])
    assert result.exit_code == 0, result.output
    assert "3 new, 0 updated, 2 new department(s)" in result.output
    bob = db.session.scalar(sa.select(Employee).where(Employee.email == "bob@x.com"))
    ann = db.session.scalar(sa.select(Employee).where(Employee.email == "ann@x.com"))
    assert bob.manager_id == ann.id
    assert _count(Department) == 2


def test_import_updates_existing_people_by_email(runner, tmp_path):
    runner.invoke(args=["people", "import", _write(tmp_path, GOOD)])
    changed = GOOD.replace("Bob B,Engineer", "Bob B,Senior Engineer")
    result = runner.invoke(args=["people", "import", _write(tmp_path, changed)])
    assert "0 new, 3 updated" in result.output
    bob = db.session.scalar(sa.select(Employee).where(Employee.email == "bob@x.com"))
    assert bob.job_title == "Senior Engineer"


def test_one_bad_row_writes_nothing_and_names_the_line(runner, tmp_path):
    bad = GOOD + "carl@x.com,Carl C,Engineer,Engineering,ann@x.com,31/12/2020\n"
    result = runner.invoke(args=["people", "import", _write(tmp_path, bad)])
    assert result.exit_code == 1
    assert "line 5: hired_on '31/12/2020' is not a date" in result.output
    assert _count(Employee) == 0
    assert _count(Department) == 0


def test_every_bad_row_is_reported(runner, tmp_path):
    bad = (
        HEADER + "not-an-email,Ann,,,,\n"
        "ok@x.com,,,,,\n"
        "ok2@x.com,Ok,,,ghost@x.com,\n"
        "ok@x.com,Dup,,,,\n"
    )
    result = runner.invoke(args=["people", "import", _write(tmp_path, bad)])
    for expected in (
        "line 2: email 'not-an-email' is not a valid address",
        "line 3: name is required",
        "line 4: manager ghost@x.com is neither in the file nor in Trellis",
        "line 5: email ok@x.com also on line 3",
    ):
        assert expected in result.output
    assert _count(Employee) == 0


def test_a_management_loop_is_refused(runner, tmp_path):
    loop = HEADER + "a@x.com,A,,,b@x.com,\nb@x.com,B,,,a@x.com,\n"
    result = runner.invoke(args=["people", "import", _write(tmp_path, loop)])
    assert "management loop" in result.output
    assert _count(Employee) == 0


def test_a_loop_through_people_already_in_trellis_is_refused(runner, tmp_path):
    runner.invoke(args=["people", "import", _write(tmp_path, GOOD)])
    loop = HEADER + "boss@x.com,Bea Boss,CEO,Executive,bob@x.com,\n"
    result = runner.invoke(args=["people", "import", _write(tmp_path, loop)])
    assert "management loop" in result.output
    boss = db.session.scalar(sa.select(Employee).where(Employee.email == "boss@x.com"))
    assert boss.manager_id is None


def test_missing_columns_are_reported(runner, tmp_path):
    result = runner.invoke(args=["people", "import", _write(tmp_path, "email,name\n")])
    assert "line 1: missing column(s): job_title, department" in result.output


def test_dry_run_writes_nothing(runner, tmp_path):
    result = runner.invoke(
        args=["people", "import", "--dry-run", _write(tmp_path, GOOD)]
    )
    assert "Would import: 3 new" in result.output
    assert _count(Employee) == 0


def test_create_admin_prints_a_one_time_password(runner):
    result = runner.invoke(args=["users", "create-admin", "Root@Example.com"])
    assert result.exit_code == 0
    assert "One-time password:" in result.output
    user = db.session.scalar(sa.select(User))
    assert (user.email, user.is_admin, user.must_change_password) == (
        "root@example.com",
        True,
        True,
    )


def test_create_admin_refuses_an_existing_email(runner):
    runner.invoke(args=["users", "create-admin", "root@example.com"])
    result = runner.invoke(args=["users", "create-admin", "root@example.com"])
    assert result.exit_code == 1
    assert _count(User) == 1


def test_demo_load_prints_the_four_logins(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    roles = [line.split()[0] for line in result.output.splitlines() if "@" in line]
    assert roles == ["hr", "admin", "manager", "employee"]
    assert _count(Employee) >= 75
    assert _count(Department) >= 8


def test_demo_manager_has_indirect_reports_and_employee_reports_to_them(runner):
    from people.demo import demo_logins
    from people.permissions import manager_chain_ids, report_ids_select

    runner.invoke(args=["demo", "load"])
    logins = dict(demo_logins())
    manager = db.session.scalar(
        sa.select(Employee).where(Employee.email == logins["manager"])
    )
    employee = db.session.scalar(
        sa.select(Employee).where(Employee.email == logins["employee"])
    )
    assert employee.manager_id == manager.id
    reports = set(db.session.scalars(report_ids_select(manager.id)))
    direct = set(
        db.session.scalars(
            sa.select(Employee.id).where(Employee.manager_id == manager.id)
        )
    )
    assert reports - direct  # indirect reports exist
    assert manager.id in manager_chain_ids(employee.id)


def test_demo_load_refuses_a_non_empty_database(runner):
    runner.invoke(args=["demo", "load"])
    assert runner.invoke(args=["demo", "load"]).exit_code == 1
    assert runner.invoke(args=["demo", "load", "--if-empty"]).exit_code == 0
