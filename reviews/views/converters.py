"""Flat HTML form fields ⇄ the schemas' nested lists.

Each ``*_from_form`` returns ``(data, names, errors)``: ``data`` for the schema,
``names`` mapping ``(list_key, index, field)`` back to the form field (so nested errors
show inline), and ``errors`` found while reading (a rating off the template's scale).
Rows left entirely blank are dropped; each ``*_values`` does the reverse for a GET.
"""

import re

from reviews.models import Review, ReviewTemplate

BLANK_ROWS = 3
MAX_ROWS = 40


def _text(form, key: str) -> str:
    return (form.get(key) or "").strip()


def _put(data: dict, key: str, value: str) -> None:
    """Copy a raw value; an empty one stays missing so the schema's default applies."""
    if value != "":
        data[key] = value


def _version(form, data: dict) -> None:
    _put(data, "version", _text(form, "version"))


def row_indices(form, prefixes: tuple[str, ...]) -> list[int]:
    """The row numbers present in ``form`` for fields named ``<prefix><n>``."""
    found = set()
    for key in form:
        for prefix in prefixes:
            match = re.fullmatch(re.escape(prefix) + r"(\d{1,3})", key)
            if match:
                found.add(int(match.group(1)))
    return sorted(found)[:MAX_ROWS]


def _rating(form, key: str, scale: int, errors: dict):
    raw = _text(form, key)
    if raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= scale:
        errors[key] = f"Choose a rating from 1 to {scale}."
        return None
    return value


def _ratings(form, template: ReviewTemplate, names: dict, errors: dict) -> list:
    ratings = []
    for i, competency in enumerate(template.competencies):
        rating_key, comment_key = f"rating_{competency.id}", f"comment_{competency.id}"
        names[("ratings", i, "rating")] = rating_key
        names[("ratings", i, "comment")] = comment_key
        ratings.append(
            {
                "competency_id": competency.id,
                "rating": _rating(form, rating_key, template.scale_max, errors),
                "comment": _text(form, comment_key),
            }
        )
    return ratings


def self_from_form(form, review: Review) -> tuple[dict, dict, dict]:
    names: dict = {}
    errors: dict = {}
    data = {
        "ratings": _ratings(form, review.template, names, errors),
        "answers": [],
        "achievements": _text(form, "achievements"),
        "submit": form.get("action") == "submit",
    }
    for i, question in enumerate(review.template.questions):
        names[("answers", i, "answer")] = f"answer_{question.id}"
        data["answers"].append(
            {"question_id": question.id, "answer": _text(form, f"answer_{question.id}")}
        )
    _version(form, data)
    return data, names, errors


ROWS = {
    # list key: (form prefix, {schema field: form field part})
    "obstacles": (
        "obstacle",
        {"category": "category", "description": "description", "remedy": "remedy"},
    ),
    "training_needs": (
        "need",
        {
            "skill_id": "skill",
            "target_level": "level",
            "priority": "priority",
            "due_on": "due",
        },
    ),
    "goals": (
        "goal",
        {"title": "title", "description": "description", "target_on": "target"},
    ),
}
# Fields that alone do not make a row "filled in" (they have a preselected default).
DEFAULTED = {"priority"}
NULLABLE = {"due_on", "target_on"}


def _rows(form, key: str, names: dict) -> list[dict]:
    prefix, parts = ROWS[key]
    rows: list[dict] = []
    for n in row_indices(form, tuple(f"{prefix}_{p}_" for p in parts.values())):
        values = {f: _text(form, f"{prefix}_{p}_{n}") for f, p in parts.items()}
        if not any(v for f, v in values.items() if f not in DEFAULTED):
            continue
        row: dict = {}
        for field, value in values.items():
            names[(key, len(rows), field)] = f"{prefix}_{parts[field]}_{n}"
            if value == "" and field in NULLABLE:
                row[field] = None
            else:
                _put(row, field, value)
        rows.append(row)
    return rows


def manager_from_form(form, review: Review) -> tuple[dict, dict, dict]:
    names: dict = {}
    errors: dict = {}
    scale = review.template.scale_max
    data = {
        "ratings": _ratings(form, review.template, names, errors),
        "strengths": _text(form, "strengths"),
        "areas_to_strengthen": _text(form, "areas_to_strengthen"),
        "obstacles": _rows(form, "obstacles", names),
        "training_needs": _rows(form, "training_needs", names),
        "goals": _rows(form, "goals", names),
        "overall_rating": _rating(form, "overall_rating", scale, errors),
    }
    _version(form, data)
    return data, names, errors


def _ratings_values(review: Review, prefix: str) -> dict:
    values = {}
    for r in review.ratings:
        rating = getattr(r, f"{prefix}_rating")
        values[f"rating_{r.competency_id}"] = "" if rating is None else str(rating)
        values[f"comment_{r.competency_id}"] = getattr(r, f"{prefix}_comment")
    return values


def self_values(review: Review) -> dict:
    values = _ratings_values(review, "self")
    for question in review.template.questions:
        values[f"answer_{question.id}"] = (review.answers or {}).get(
            str(question.id), ""
        )
    values["achievements"] = review.achievements
    values["version"] = review.version
    return values


def _row_values(key: str, items: list[dict]) -> dict:
    prefix, parts = ROWS[key]
    values = {}
    for n, item in enumerate(items):
        for field, part in parts.items():
            value = item.get(field)
            values[f"{prefix}_{part}_{n}"] = "" if value is None else str(value)
    return values


def manager_values(review: Review) -> dict:
    values = _ratings_values(review, "manager")
    values["strengths"] = review.strengths
    values["areas_to_strengthen"] = review.areas_to_strengthen
    rating = review.overall_rating
    values["overall_rating"] = "" if rating is None else str(rating)
    obstacles = [
        {"category": o.category.value, "description": o.description, "remedy": o.remedy}
        for o in review.obstacles
    ]
    values.update(_row_values("obstacles", obstacles))
    values.update(_row_values("training_needs", review.proposed_needs or []))
    values.update(_row_values("goals", review.proposed_goals or []))
    values["version"] = review.version
    return values


def row_counts(form, *, blank: int = BLANK_ROWS) -> dict[str, int]:
    """How many rows each repeating section shows: what the form has, plus blanks."""
    counts = {}
    for key, (prefix, parts) in ROWS.items():
        present = row_indices(form, tuple(f"{prefix}_{p}_" for p in parts.values()))
        counts[key] = (max(present) + 1 if present else 0) + blank
    return counts


# --- templates (HR) -------------------------------------------------------------

COMPETENCY_PARTS = {"name": "name", "description": "description", "skill_id": "skill"}


def template_from_form(form) -> tuple[dict, dict, dict]:
    names: dict = {}
    data: dict = {"competencies": [], "questions": []}
    _put(data, "name", _text(form, "name"))
    data["description"] = _text(form, "description")
    labels = [line.strip() for line in (form.get("rating_labels") or "").splitlines()]
    data["rating_labels"] = [line for line in labels if line] or None
    prefixes = tuple(f"competency_{p}_" for p in COMPETENCY_PARTS.values())
    for n in row_indices(form, prefixes):
        values = {
            f: _text(form, f"competency_{p}_{n}") for f, p in COMPETENCY_PARTS.items()
        }
        if not any(values.values()):
            continue
        row: dict = {"description": values["description"]}
        _put(row, "name", values["name"])
        row["skill_id"] = values["skill_id"] or None
        for field, part in COMPETENCY_PARTS.items():
            index = len(data["competencies"])
            names[("competencies", index, field)] = f"competency_{part}_{n}"
        data["competencies"].append(row)
    for n in row_indices(form, ("question_",)):
        text = _text(form, f"question_{n}")
        if text:
            names[("questions", len(data["questions"]), "text")] = f"question_{n}"
            data["questions"].append({"text": text})
    _version(form, data)
    return data, names, {}


def template_values(template: ReviewTemplate) -> dict:
    values = {
        "name": template.name,
        "description": template.description,
        "rating_labels": "\n".join(template.rating_labels or []),
        "version": template.version,
    }
    for n, c in enumerate(template.competencies):
        values[f"competency_name_{n}"] = c.name
        values[f"competency_description_{n}"] = c.description
        values[f"competency_skill_{n}"] = "" if c.skill_id is None else str(c.skill_id)
    for n, q in enumerate(template.questions):
        values[f"question_{n}"] = q.text
    return values


def template_row_counts(form, *, blank: int = BLANK_ROWS) -> dict[str, int]:
    comps = row_indices(form, ("competency_name_",))
    questions = row_indices(form, ("question_",))
    return {
        "competencies": (max(comps) + 1 if comps else 0) + blank,
        "questions": (max(questions) + 1 if questions else 0) + blank,
    }
