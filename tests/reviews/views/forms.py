"""Form builders shared by the review view tests: the flat fields a browser posts."""

import sqlalchemy as sa


def self_form(review, rating=3, action="draft", **extra) -> dict:
    data = {"version": str(review.version), "action": action}
    for c in review.template.competencies:
        data[f"rating_{c.id}"] = str(rating)
        data[f"comment_{c.id}"] = f"My {c.name} went well."
    for q in review.template.questions:
        data[f"answer_{q.id}"] = "Shipping the importer."
    data["achievements"] = "Shipped the importer."
    return {**data, **extra}


def manager_form(review, rating=4, **extra) -> dict:
    data = {"version": str(review.version), "action": "draft"}
    for c in review.template.competencies:
        data[f"rating_{c.id}"] = str(rating)
        data[f"comment_{c.id}"] = f"Strong {c.name} all half."
    data.update(
        strengths="Led the billing migration calmly; every stakeholder knew the plan.",
        areas_to_strengthen="Delegate more of the on-call work.",
        overall_rating="4",
        goal_title_0="Mentor a new hire",
        goal_description_0="",
        goal_target_0="",
    )
    return {**data, **extra}


def snapshot(db, *models) -> list:
    rows = []
    for model in models:
        table = model.__table__
        rows += [
            tuple(r) for r in db.session.execute(sa.select(table).order_by(table.c.id))
        ]
    return rows
