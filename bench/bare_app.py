"""A bare Flask JSON endpoint: the floor for ``bench.throughput``'s ratios.

``gunicorn -w 2 bench.bare_app:app`` — same response shape and size as
``GET /api/v1/people/<id>``, no database, no auth, no schema. ``bench.bare_sqla_app``
answers the same shape from the database.
"""

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/api/v1/people/<int:person_id>")
def person(person_id: int):
    return jsonify(
        {
            "department": {"id": 7, "name": "Department 2"},
            "email": f"person{person_id}@bench.example",
            "hired_on": "2023-03-14",
            "id": person_id,
            "is_active": True,
            "job_title": "Product Designer",
            "manager": {"id": 23, "job_title": "Team Lead", "name": "Farid Moreau 23"},
            "name": f"Ines Rossi {person_id}",
            "time_zone": None,
            "version": 1,
        }
    )
