"""The floors ``bench.throughput`` divides by answer what Trellis answers: the same
fields as ``GET /api/v1/people/<id>`` (``EmployeeSchema``), so a ratio compares the
same work on the wire."""

import sqlalchemy as sa

from bench import bare_app, bare_sqla_app
from people.schemas import EmployeeSchema

FIELDS = set(EmployeeSchema().fields)


def test_bare_flask_answers_every_field_of_the_person_api():
    response = bare_app.app.test_client().get("/api/v1/people/5")
    assert set(response.get_json()) == FIELDS


def test_bare_sqlalchemy_answers_the_person_from_the_database_in_one_statement(
    tmp_path,
):
    app = bare_sqla_app.create_app(f"sqlite:///{tmp_path / 'floor.db'}")
    db = bare_sqla_app.db
    with app.app_context():
        db.create_all()
        db.session.add(bare_sqla_app.Department(id=1, name="Company"))
        for id_, manager in ((1, None), (2, 1)):
            db.session.add(
                bare_sqla_app.Employee(
                    id=id_,
                    name=f"Person {id_}",
                    email=f"p{id_}@example.com",
                    job_title="Lead",
                    department_id=1,
                    manager_id=manager,
                    is_active=True,
                    version=1,
                )
            )
        db.session.commit()
        statements = []
        sa.event.listen(
            db.engine, "before_cursor_execute", lambda *a: statements.append(a[2])
        )
    body = app.test_client().get("/api/v1/people/2").get_json()
    assert set(body) == FIELDS
    assert body["manager"] == {"id": 1, "job_title": "Lead", "name": "Person 1"}
    assert body["department"] == {"id": 1, "name": "Company"}
    assert len(statements) == 1
    assert app.test_client().get("/api/v1/people/9").status_code == 404
