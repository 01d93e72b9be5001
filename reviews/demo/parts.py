"""The two parts of a demo review: the self-assessment and the manager's assessment
(ratings with comments, strengths, areas, obstacles, training needs and goals)."""

import statistics
from datetime import timedelta

from people.demo import PROFILE_SKILLS
from reviews.demo.comments import MANAGER_COMMENTS
from reviews.demo.common import Demo, band, clamp
from reviews.demo.texts import (
    AREAS,
    EXTRA_SKILLS,
    GOALS,
    OBSTACLES,
    SELF_COMMENTS,
    STRENGTHS,
)
from reviews.enums import Priority
from reviews.models import Review
from reviews.services.outcomes import current_levels


def self_part(demo: Demo, review: Review, *, submit: bool, partial: bool = False):
    emp = review.employee
    competencies = review.template.competencies
    if partial:
        competencies = competencies[:2]
    ratings = [
        {
            "competency_id": c.id,
            "rating": clamp(demo.level[emp.id] + 0.3 + demo.rng.gauss(0, 0.7)),
            "comment": demo.fill(
                demo.rng.choice(SELF_COMMENTS.get(c.name, SELF_COMMENTS["Delivery"])),
                emp,
            ),
        }
        for c in competencies
    ]
    answers = []
    for q in review.template.questions[: 1 if partial else None]:
        answers.append(
            {
                "question_id": q.id,
                "answer": demo.fill(
                    demo.rng.choice(
                        [
                            "{work}: it was hard and it worked.",
                            "Mostly {work}. I learned a lot from it.",
                            "Time. {work} took more of it than planned.",
                            "Clearer priorities, and the training we discussed.",
                            "Less context switching; two days a week without meetings.",
                        ]
                    ),
                    emp,
                ),
            }
        )
    achievements = (
        ""
        if partial
        else "\n".join(
            f"- {demo.fill(line, emp)}"
            for line in demo.rng.sample(
                [
                    "Delivered {work}.",
                    "Helped a colleague through {work}.",
                    "Took over {work} during a colleague's leave.",
                    "Ran two internal sessions about {work}.",
                    "Cleaned up the backlog of {work}.",
                ],
                2,
            )
        )
    )
    return {
        "ratings": ratings,
        "answers": answers,
        "achievements": achievements,
        "submit": submit,
    }


def _needs(demo: Demo, review: Review, count: int) -> list[dict]:
    """Training needs from the person's role profile (or general skills)."""
    emp = review.employee
    expected = PROFILE_SKILLS.get(emp.job_title) or dict.fromkeys(EXTRA_SKILLS, 4)
    names = list(expected)
    if demo.cautionary(emp) and demo.last_needs.get(emp.id):
        named = [demo.org.skills[n] for n in names]
        again = [s.name for s in named if s.id in demo.last_needs[emp.id]]
        names = again + [n for n in names if n not in again]  # the same needs again
    else:
        demo.rng.shuffle(names)
    if demo.live:
        base, due_days = demo.today, [60, 90, 120, 150]
    elif demo.cautionary(emp):  # sure to be overdue today
        base, due_days = review.period_end, [60, 90, 120]
    else:
        base, due_days = review.period_end, [75, 105, 135, 200]
    current = current_levels(emp.id)

    def target(name):  # a need aims above where the person is now
        level = current.get(demo.org.skills[name].id) or 0
        return max(expected.get(name, 3), level + 1)

    names = [n for n in names if target(n) <= 5]
    return [
        {
            "skill_id": demo.org.skills[name].id,
            "target_level": target(name),
            "priority": demo.rng.choice([Priority.high, Priority.medium, Priority.low]),
            "due_on": base + timedelta(days=demo.rng.choice(due_days)),
        }
        for name in names[:count]
    ]


def _goals(demo: Demo, review: Review, count: int) -> list[dict]:
    emp = review.employee
    skill = demo.rng.choice(list(PROFILE_SKILLS.get(emp.job_title) or EXTRA_SKILLS))
    start = demo.today if demo.live else review.period_end + timedelta(days=1)
    return [
        {
            "title": demo.fill(title, emp, skill=skill)[:200],
            "description": description,
            "target_on": start + timedelta(days=demo.rng.randrange(60, 175)),
        }
        for title, description in demo.rng.sample(GOALS, count)
    ]


def manager_part(
    demo: Demo, review: Review, previous: dict[str, int], kind: str = "full"
) -> dict:
    """The manager's part. ``kind``: full, identical (no words at all), terse, draft."""
    emp = review.employee
    competencies = review.template.competencies
    rng = demo.rng
    positive = demo.cautionary(emp)
    if kind == "identical":
        value = clamp(demo.level[emp.id])
        candidates = [value, 3, 4, 2, 5]
        value = next(
            (v for v in candidates if all(abs(v - p) < 2 for p in previous.values())),
            None,
        )
        if value is None:
            kind = "terse"
        else:
            return {
                "ratings": [
                    {"competency_id": c.id, "rating": value, "comment": ""}
                    for c in competencies
                ],
                "strengths": "",
                "areas_to_strengthen": "",
                "obstacles": [],
                "training_needs": [],
                "goals": [],
                "overall_rating": value,
            }
    ratings = []
    for c in competencies:
        rating = clamp(demo.level[emp.id] + rng.gauss(0, 0.6), 4 if positive else 1)
        if kind == "terse" and c.name in previous:  # no comment, so no jump of 2
            rating = max(previous[c.name] - 1, min(previous[c.name] + 1, rating))
        bank = MANAGER_COMMENTS.get(c.name, MANAGER_COMMENTS["Delivery"])
        comment = (
            "" if kind == "terse" else demo.fill(rng.choice(bank[band(rating)]), emp)
        )
        ratings.append({"competency_id": c.id, "rating": rating, "comment": comment})
    if (
        kind != "terse"
        and len({r["rating"] for r in ratings}) == 1
        and rng.random() < 0.8
    ):
        # Real reviews rarely rate everything the same; keep a few that do (a flag).
        index = rng.randrange(len(ratings))
        value = ratings[index]["rating"]
        low = 4 if positive else 1
        value = (
            value - 1
            if value == 5 or (value > low and rng.random() < 0.5)
            else value + 1
        )
        bank = MANAGER_COMMENTS.get(
            competencies[index].name, MANAGER_COMMENTS["Delivery"]
        )
        ratings[index]["rating"] = value
        ratings[index]["comment"] = demo.fill(rng.choice(bank[band(value)]), emp)
    overall = clamp(
        statistics.mean(r["rating"] for r in ratings) + rng.gauss(0, 0.3),
        4 if positive else 1,
    )
    if kind == "terse":
        return {
            "ratings": ratings,
            "strengths": rng.choice(["Reliable.", "Good half.", "Solid work overall."]),
            "areas_to_strengthen": "",
            "obstacles": [],
            "training_needs": [],
            "goals": [],
            "overall_rating": overall,
        }
    skill = rng.choice(list(PROFILE_SKILLS.get(emp.job_title) or EXTRA_SKILLS))
    strengths = " ".join(demo.fill(s, emp) for s in rng.sample(STRENGTHS, 2))
    mine = emp.id == demo.employee.id  # the demo employee: a full history
    if positive:
        areas = demo.fill(
            "Would benefit from the {skill} training we discussed; book it this half "
            "so it does not slip again.",
            emp,
            skill=skill,
        )
        needs = _needs(demo, review, rng.choice([1, 2]))
    else:
        areas = demo.fill(rng.choice(AREAS), emp)
        needs = _needs(demo, review, 3 if mine else rng.choice([0, 1, 1, 2]))
    obstacles = []
    for category in rng.sample(list(OBSTACLES), rng.choice([0, 1, 1, 2])):
        description, remedy = OBSTACLES[category]
        obstacles.append(
            {
                "category": category,
                "description": demo.fill(description, emp, skill=skill),
                "remedy": demo.fill(remedy, emp, skill=skill),
            }
        )
    data = {
        "ratings": ratings,
        "strengths": strengths,
        "areas_to_strengthen": areas,
        "obstacles": obstacles,
        "training_needs": needs,
        "goals": _goals(demo, review, 3 if mine else rng.choice([1, 2, 3])),
        "overall_rating": overall,
    }
    if kind == "draft":  # half written: two ratings, the strengths, no overall rating
        data = {
            "ratings": ratings[:2],
            "strengths": strengths,
            "overall_rating": None,
        }
    return data
