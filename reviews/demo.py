"""Demo reviews: two templates, two closed half-year cycles and one active cycle.

Runs inside ``people.demo.load_demo`` after the people loaders, on the same ``DemoOrg`` and
its seeded rng. It is registered at app start-up (``register_demo_loader``, called from
``app._register_cli``) so that people never imports reviews. Everything goes through the
review services with back-dated ``now=`` timestamps, so audit events, assessed skill
levels, training needs, goals and quality flags are the real ones.

- Templates: "Company review" (Delivery, Collaboration, Ownership, Communication) is used by
  every cycle; "Engineering review" (Python, System design, Testing, Giving feedback, each
  mapped to its skill) is used by two ad hoc reviews of recent hires in Engineering and so
  stays editable (no cycle locks it).
- Cycles: the last completed half-year is active (launched 18 days ago; the self-assessment
  was due 4 days ago) with reviews in every status; the two half-years before it are closed,
  every review walked self → manager → share → acknowledge, a few self-assessments skipped,
  a few "I disagree" with addenda. Loaded in late 2026 these are "2025 H1", "2025 H2"
  (closed) and "2026 H1" (active).
- The demo employee's review awaits their self-assessment (a draft is saved); the demo
  manager's direct reports have reviews to write (self-assessment submitted), a draft to
  finish and one shared, awaiting acknowledgement.
- Low-information reviews, so the HR quality page has flags: the Operations team in the
  older closed cycle (every rating identical, no comments), the first Sales team in the
  newer one (a few words), the Marketing team in the active one.
- Training needs of the closed cycles end met (verified), in progress (evidence linked),
  dropped with a reason, or still open — most of those overdue; their goals were achieved,
  missed or dropped, or are still active with progress.

THE CAUTIONARY DEPARTMENT is **Customer Success** (``CAUTIONARY_DEPARTMENT``): in both
closed cycles every review rated its person 4 or 5 overall and named training needs (the
same ones again the second time), and not one of those needs was ever acted on — all still
open, past due, without evidence. It is the case the HR decision-evidence report surfaces.
"""

import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from core.audit import AuditEvent, record_event
from core.db import utcnow
from core.extensions import db
from people.demo import DEMO_LOADERS, PROFILE_SKILLS, DemoOrg, demo_logins
from people.models import Employee, User
from reviews import services
from reviews.enums import (
    GoalStatus,
    ObstacleCategory,
    PopulationKind,
    Priority,
    ReviewStatus,
    TrainingNeedStatus,
)
from reviews.models import (
    Goal,
    Review,
    ReviewCycle,
    ReviewRating,
    ReviewTemplate,
    TemplateCompetency,
    TrainingNeed,
)
from reviews.queries import REVIEW_OPTIONS

CAUTIONARY_DEPARTMENT = "Customer Success"
S = ReviewStatus

COMPANY_TEMPLATE = {
    "name": "Company review",
    "description": "The half-yearly review for everyone: how the work went, and what next.",
    "rating_labels": None,
    "competencies": [
        {
            "name": "Delivery",
            "description": "Commitments met; quality and pace of the work.",
            "skill_id": None,
        },
        {
            "name": "Collaboration",
            "description": "Working with others inside and outside the team.",
            "skill_id": None,
        },
        {
            "name": "Ownership",
            "description": "Taking problems to the end without being asked.",
            "skill_id": None,
        },
        {
            "name": "Communication",
            "description": "Clear, timely, written and spoken.",
            "skill_id": None,
        },
    ],
    "questions": [
        {"text": "What are you most proud of this half?"},
        {"text": "What got in your way?"},
        {"text": "What support do you need in the next half?"},
    ],
}
ENGINEERING_COMPETENCIES = ["Python", "System design", "Testing", "Giving feedback"]
ENGINEERING_QUESTIONS = [
    "Which technical decision of yours are you most pleased with?",
    "Where would a second pair of eyes have helped?",
]

# Work each department did, for specific (not generic) text.
WORK = {
    "Engineering": [
        "the move of billing onto the new payments provider",
        "the search indexing rewrite",
        "cutting CI time from 25 to 9 minutes",
        "the on-call runbook overhaul",
        "the data-export endpoint for GDPR requests",
        "replacing the cron jobs with a task queue",
        "the notifications service",
    ],
    "Product": [
        "the onboarding redesign",
        "the pricing page experiment",
        "the customer interview programme",
        "the mobile navigation research",
        "the reporting roadmap",
    ],
    "Sales": [
        "the Nordics expansion",
        "the renewal of the three largest accounts",
        "the new discount approval process",
        "the partner channel pilot",
        "the public-sector tender",
    ],
    "Marketing": [
        "the spring webinar series",
        "the website relaunch",
        "the customer case-study programme",
        "the newsletter re-segmentation",
    ],
    "Customer Success": [
        "the new ticket triage rota",
        "the help-centre rewrite",
        "the enterprise onboarding playbook",
        "the weekend cover rota",
        "the churn-risk call programme",
    ],
    "Finance": [
        "the month-end close",
        "the audit preparation",
        "the move to the new expense tool",
        "the budget re-forecast",
    ],
    "People": [
        "the new onboarding checklist",
        "the engagement survey",
        "the hiring process for Engineering",
        "the parental leave policy update",
    ],
    "Operations": [
        "the vendor consolidation",
        "the office move",
        "the laptop refresh",
        "the procurement policy",
    ],
}

# competency -> band (low 1–2, mid 3, high 4–5) -> manager comments
MANAGER_COMMENTS = {
    "Delivery": {
        "high": [
            "Delivered {work} on time and without drama; scope was cut early, not late.",
            "{first} shipped {work} two weeks ahead of plan and with no rollback.",
        ],
        "mid": [
            "Delivers what is planned; {work} slipped by about two weeks, which was flagged.",
            "Solid, predictable output; estimates for {work} were optimistic.",
        ],
        "low": [
            "Several commitments slipped this half, {work} most visibly, with late warning.",
            "{work} was delivered a month late and needed rework after release.",
        ],
    },
    "Collaboration": {
        "high": [
            "Peers named {first} first when asked who helped them most during {work}.",
            "Brought Sales and Support into {work} early; no surprises at launch.",
        ],
        "mid": [
            "Works well within the team; less visible to the other departments.",
            "Helpful when asked, rarely offers help unprompted.",
        ],
        "low": [
            "Disagreements during {work} turned personal twice; we talked about it.",
            "Worked alone on {work}; the team learned about decisions after the fact.",
        ],
    },
    "Ownership": {
        "high": [
            "Took {work} from a vague idea to a result and owned every follow-up.",
            "Noticed the gap in {work} nobody owned, and closed it without being asked.",
        ],
        "mid": [
            "Owns their own tasks well; problems between teams wait for someone else.",
            "Follows through once a task is assigned; could pick up more unassigned work.",
        ],
        "low": [
            "Problems in {work} were reported but not pursued; they waited for me.",
            "Handed {work} over half-finished when priorities changed.",
        ],
    },
    "Communication": {
        "high": [
            "The weekly notes on {work} were the clearest in the department.",
            "Explains trade-offs plainly; the write-up of {work} is now our template.",
        ],
        "mid": [
            "Clear in writing, brief in meetings; status updates could come sooner.",
            "Good updates when asked; stakeholders sometimes had to chase.",
        ],
        "low": [
            "Stakeholders of {work} learned about delays from customers, not from us.",
            "Updates were rare and long; the key point was often missing.",
        ],
    },
    "Python": {
        "high": [
            "Idiomatic, well-tested code; the typed rewrite of the importer is a model.",
            "Reviews from {first} catch real bugs, not style; the code is easy to change.",
        ],
        "mid": [
            "Writes working code; leans on copy-paste where a helper would do.",
            "Comfortable in our codebase; asks for help with async code.",
        ],
        "low": [
            "Pull requests needed several rounds; error handling was often missing.",
            "Still learning the standard library; reinvented two things it has.",
        ],
    },
    "System design": {
        "high": [
            "The design note for {work} weighed three options honestly; we chose well.",
            "Saw the scaling limit in {work} before it bit us.",
        ],
        "mid": [
            "Sound designs for single services; cross-service flows need a review.",
            "Designs are fine; writing them down first would help the team.",
        ],
        "low": [
            "{work} was built without a design review and needed rework.",
            "Coupled two services tightly during {work}; we are untangling it.",
        ],
    },
    "Testing": {
        "high": [
            "Added the contract tests that caught the payments regression.",
            "Tests first, by habit; the flaky-test count in their area is zero.",
        ],
        "mid": [
            "Tests the happy path well; edge cases come up in review.",
            "Good unit tests; integration tests are thin.",
        ],
        "low": [
            "Two incidents this half came from untested paths in {work}.",
            "Tests are often added after review asks for them.",
        ],
    },
    "Giving feedback": {
        "high": [
            "Code reviews are specific and kind; juniors ask for {first} as reviewer.",
            "Gave a peer hard feedback about {work} early, privately and usefully.",
        ],
        "mid": [
            "Helpful feedback in reviews; rarely gives it outside them.",
            "Feedback is accurate but sometimes terse.",
        ],
        "low": [
            "Holds back feedback until it is too late to act on.",
            "Review comments read as orders; we talked about tone.",
        ],
    },
}
SELF_COMMENTS = {
    "Delivery": [
        "I shipped {work} and most of what I planned; two smaller items moved.",
        "{work} took longer than I estimated, mostly because of dependencies.",
        "I delivered {work}; I should have cut scope earlier.",
    ],
    "Collaboration": [
        "I paired a lot during {work} and I think it showed.",
        "I worked with three other teams on {work}; it went better than last time.",
        "I could have involved others earlier in {work}.",
    ],
    "Ownership": [
        "I took over {work} when it stalled and saw it through.",
        "I own my part well; I am less sure about shared problems.",
        "I picked up the follow-ups from {work} myself.",
    ],
    "Communication": [
        "I wrote weekly updates on {work}.",
        "I find it hard to give bad news early; I am working on it.",
        "My notes on {work} are used by the team.",
    ],
}
STRENGTHS = [
    "{first} took {work} from a vague idea to a shipped result and kept every "
    "stakeholder informed with a short weekly note.",
    "When {work} ran into trouble, {first} raised it early, proposed two options with "
    "their costs and followed through on the one we chose.",
    "Colleagues seek {first} out: three people named them in peer feedback for help with "
    "{work}.",
    "{first} wrote the clearest documentation of the half for {work}; new joiners now "
    "learn the area from it.",
    "Calm under pressure: during the outage in {month} {first} coordinated the fix and "
    "the customer updates at the same time.",
    "{first} mentored a new colleague through {work}; they now work on it independently.",
]
AREAS = [
    "Say no earlier: {work} absorbed time that was meant for planned work.",
    "Share work in progress sooner; reviews of {work} arrived late and all at once.",
    "Delegate more — {first} still does most of {work} personally.",
    "Write decisions down; several were discussed again during {work}.",
    "Speak up in larger meetings; the best ideas on {work} came in one-to-ones.",
    "Estimate with ranges, not single dates; {work} was promised for a fixed day twice.",
]
OBSTACLES = {
    ObstacleCategory.skills_training: (
        "No formal training in {skill} yet, which slowed {work}.",
        "Book the {skill} course before the end of next quarter.",
    ),
    ObstacleCategory.tools_resources: (
        "The reporting tool times out on large exports, so numbers were assembled by hand.",
        "Operations to upgrade the licence; a nightly export in the meantime.",
    ),
    ObstacleCategory.process: (
        "Hand-offs between teams lose context; work on {work} restarted twice.",
        "A shared hand-off checklist, owned by the team lead.",
    ),
    ObstacleCategory.workload: (
        "Covered a vacant role for four months on top of their own work.",
        "Backfill approved; the new hire starts next month.",
    ),
    ObstacleCategory.management_leadership: (
        "Priorities changed three times in the half without an explanation.",
        "A monthly priority review with the department head, written up.",
    ),
    ObstacleCategory.personal_other: (
        "Away for six weeks of the half for family reasons.",
        "Goals for the half adjusted; a gradual return agreed.",
    ),
}
GOALS = [
    ("Lead {work} end to end", "Own the plan, the risks and the weekly update."),
    ("Mentor a new colleague", "Pair weekly for their first three months."),
    ("Present the team's results at an all-hands", "Ten minutes, with the numbers."),
    ("Document {work} so someone else can run it", "A runbook another person tested."),
    ("Reach the expected level in {skill}", "Course, practice, then a check-in."),
    ("Cut the open backlog of {work} by half", "Measured at the end of the half."),
]
ACK_COMMENTS = [
    "Thanks — a fair summary of the half.",
    "Agreed. I would like to talk about the training budget at our next one-to-one.",
    "Fair. I am keen on the goals for the next half.",
    "",
    "",
]
DISAGREE_COMMENTS = [
    "I disagree with the Delivery rating: the delays on {work} came from the vendor, which "
    "is documented in the obstacles.",
    "I do not think the Collaboration comment is fair; the decisions on {work} were made "
    "in the team channel and everyone was invited.",
    "I disagree with the overall rating. I covered a vacant role for four months and that "
    "is not reflected.",
]
ADDENDA = [
    "Follow-up conversation on {day}: we agreed to look at the Delivery rating again at "
    "the next check-in; the vendor delay is now confirmed in writing.",
    "HR note ({day}): the employee's disagreement was discussed with both parties; the "
    "rating stands and the workload point is taken into the next half's goals.",
    "Addendum from the reviewer ({day}): I should have mentioned the extra on-call cover "
    "in the strengths; it was significant.",
]
DROP_REASONS = [
    "Moved to a different role; the skill is no longer needed.",
    "The new tool removed the manual work this training was for.",
    "Agreed to spend the budget on a more urgent need instead.",
    "Covered by pairing with a senior colleague; no course needed.",
]
EXTRA_SKILLS = ["Written communication", "Presenting", "Stakeholder management"]


def register_demo_loader() -> None:
    """Add the reviews loader to ``people.demo.DEMO_LOADERS`` (idempotent)."""
    if load_reviews not in DEMO_LOADERS:
        DEMO_LOADERS.append(load_reviews)


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _clamp(value: float, low: int = 1, high: int = 5) -> int:
    return max(low, min(high, round(value)))


def _band(rating: int) -> str:
    return "low" if rating <= 2 else "mid" if rating == 3 else "high"


@dataclass
class Half:
    name: str
    start: date
    end: date


def half_years(today: date) -> list[Half]:
    """The last completed half-year and the two before it, oldest first."""
    year, half = (today.year, 1) if today.month >= 7 else (today.year - 1, 2)
    found = []
    for _ in range(3):
        start = date(year, 1 if half == 1 else 7, 1)
        end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        found.append(Half(f"{year} H{half}", start, end))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return list(reversed(found))


@dataclass
class Demo:
    org: DemoOrg
    rng: random.Random
    now: datetime
    today: date
    hr: User
    users: dict[int, User]  # employee id -> account
    people: dict[int, Employee]
    manager: Employee  # the demo logins' manager and employee
    employee: Employee
    level: dict[int, float] = field(default_factory=dict)  # how well each person does
    company: ReviewTemplate | None = None
    engineering: ReviewTemplate | None = None
    cycles: list[ReviewCycle] = field(default_factory=list)
    last_needs: dict[int, list[int]] = field(default_factory=dict)  # CS: skills named
    live: bool = False  # walking the active cycle (due dates count from today)

    def cautionary(self, employee: Employee) -> bool:
        return employee.department_id == self.org.departments[CAUTIONARY_DEPARTMENT].id

    def first(self, employee: Employee) -> str:
        return employee.name.split()[0]

    def work(self, employee: Employee) -> str:
        name = next(
            (
                n
                for n, d in self.org.departments.items()
                if d.id == employee.department_id
            ),
            "Operations",
        )
        return self.rng.choice(WORK.get(name, WORK["Operations"]))

    def fill(self, text: str, employee: Employee, **extra) -> str:
        """``text`` with the person's first name, a piece of their department's work
        and ``extra`` filled in, starting with a capital."""
        text = text.format(
            first=self.first(employee),
            work=self.work(employee),
            month=self.rng.choice(["March", "May", "September", "October"]),
            **extra,
        )
        return text[:1].upper() + text[1:]


def load_reviews(org: DemoOrg, progress) -> None:
    """The reviews demo: templates, two closed cycles, one active, ad hoc reviews."""
    # The services flush when they are done; skipping autoflush before their reads
    # roughly halves the time and changes nothing they read.
    with db.session.no_autoflush:
        _load(org, progress)


def _load(org: DemoOrg, progress) -> None:
    now = utcnow()
    users = {
        u.employee_id: u
        for u in db.session.scalars(
            sa.select(User).where(User.employee_id.is_not(None))
        )
    }
    # The people behind the demo logins (``DemoOrg.employee`` is not the employee login).
    logins = dict(demo_logins())
    by_email = {p.email: p for p in org.people}
    demo = Demo(
        org=org,
        rng=org.rng,
        now=now,
        today=now.date(),
        hr=users[by_email[logins["hr"]].id],
        users=users,
        people={p.id: p for p in org.people},
        manager=by_email[logins["manager"]],
        employee=by_email[logins["employee"]],
    )
    for person in org.people:
        if demo.cautionary(person):
            demo.level[person.id] = demo.rng.uniform(4.3, 4.8)
        else:
            demo.level[person.id] = demo.rng.choice([2.4, 3.0, 3.2, 3.5, 3.8, 4.1, 4.5])
    older, newer, current = half_years(demo.today)
    _templates(demo, older)
    progress("review templates")
    _closed_cycle(demo, older, low_info="Operations Director", terse=None)
    progress(f"review cycle {older.name} (closed)")
    _closed_cycle(demo, newer, low_info=None, terse="Sales Manager")
    _settle_outcomes(demo)
    progress(f"review cycle {newer.name} (closed)")
    _active_cycle(demo, current)
    _adhoc_reviews(demo)
    _backdate_rows()
    progress(f"review cycle {current.name} (active)")


# -- templates and cycles ------------------------------------------------------------


def _backdate_events(object_type: str, object_id: int, when: datetime) -> None:
    """Services that take no ``now`` stamp their events today; move them to ``when``."""
    db.session.flush()
    db.session.execute(
        sa.update(AuditEvent)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == object_id)
        .values(at=when)
    )


def _templates(demo: Demo, older: Half) -> None:
    when = _at(older.end - timedelta(days=20), 10)
    demo.company = services.create_template(demo.hr, COMPANY_TEMPLATE)
    skills = demo.org.skills
    demo.engineering = services.create_template(
        demo.hr,
        {
            "name": "Engineering review",
            "description": "For engineers: the craft skills, each rated as its skill.",
            "rating_labels": None,
            "competencies": [
                {
                    "name": name,
                    "description": f"As described for {name} in the skills catalogue.",
                    "skill_id": skills[name].id,
                }
                for name in ENGINEERING_COMPETENCIES
            ],
            "questions": [{"text": q} for q in ENGINEERING_QUESTIONS],
        },
    )
    for template in (demo.company, demo.engineering):
        template.created_at = template.updated_at = when
        _backdate_events("ReviewTemplate", template.id, when)


def _create_cycle(
    demo: Demo, half: Half, launch: date, *, hired_before: date, self_due: date
):
    cycle = services.create_cycle(
        demo.hr,
        {
            "name": half.name,
            "period_start": half.start,
            "period_end": half.end,
            "template_id": demo.company.id,
            "population": PopulationKind.hired_before,
            "department_ids": [],
            "hired_before": hired_before,
            "self_due_on": self_due,
            "manager_due_on": self_due + timedelta(days=14),
            "signoff_due_on": self_due + timedelta(days=28),
        },
    )
    created = _at(launch - timedelta(days=5), 11)
    cycle.created_at = cycle.updated_at = created
    _backdate_events("ReviewCycle", cycle.id, created)
    services.launch_cycle(demo.hr, cycle, now=_at(launch, 8))
    demo.cycles.append(cycle)
    return cycle


def _cycle_reviews(cycle: ReviewCycle) -> list[Review]:
    return list(
        db.session.scalars(
            sa.select(Review)
            .where(Review.cycle_id == cycle.id)
            .options(*REVIEW_OPTIONS)
            .order_by(Review.id)
        ).unique()
    )


def _previous_ratings(review_ids: list[int]) -> dict[int, dict[str, int]]:
    """employee id -> competency name -> the manager rating of their latest review."""
    rows = db.session.execute(
        sa.select(
            Review.employee_id, TemplateCompetency.name, ReviewRating.manager_rating
        )
        .join(ReviewRating, ReviewRating.review_id == Review.id)
        .join(TemplateCompetency, TemplateCompetency.id == ReviewRating.competency_id)
        .where(Review.id.in_(review_ids or [0]))
    )
    found: dict[int, dict[str, int]] = {}
    for employee_id, name, rating in rows:
        found.setdefault(employee_id, {})[name] = rating
    return found


# -- the two parts of a review ---------------------------------------------------------


def _self_part(demo: Demo, review: Review, *, submit: bool, partial: bool = False):
    emp = review.employee
    competencies = review.template.competencies
    if partial:
        competencies = competencies[:2]
    ratings = [
        {
            "competency_id": c.id,
            "rating": _clamp(demo.level[emp.id] + 0.3 + demo.rng.gauss(0, 0.7)),
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
    return [
        {
            "skill_id": demo.org.skills[name].id,
            "target_level": min(5, expected.get(name, 3)),
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


def _manager_part(
    demo: Demo, review: Review, previous: dict[str, int], kind: str = "full"
) -> dict:
    """The manager's part. ``kind``: full, identical (no words at all), terse, draft."""
    emp = review.employee
    competencies = review.template.competencies
    rng = demo.rng
    positive = demo.cautionary(emp)
    if kind == "identical":
        value = _clamp(demo.level[emp.id])
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
        rating = _clamp(demo.level[emp.id] + rng.gauss(0, 0.6), 4 if positive else 1)
        if kind == "terse" and c.name in previous:  # no comment, so no jump of 2
            rating = max(previous[c.name] - 1, min(previous[c.name] + 1, rating))
        bank = MANAGER_COMMENTS.get(c.name, MANAGER_COMMENTS["Delivery"])
        comment = (
            "" if kind == "terse" else demo.fill(rng.choice(bank[_band(rating)]), emp)
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
        ratings[index]["comment"] = demo.fill(rng.choice(bank[_band(value)]), emp)
    overall = _clamp(
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


# -- walking reviews ---------------------------------------------------------------


def _walk(
    demo: Demo,
    review: Review,
    previous: dict[str, int],
    *,
    to: ReviewStatus,
    start: datetime,
    self_due: date,
    kind: str = "full",
    skip_self: bool = False,
    disagree: bool = False,
    addendum: bool = False,
) -> datetime:
    """Move ``review`` to ``to`` through the services, with times from ``start``;
    return the time of the last step."""
    rng = demo.rng
    emp = review.employee
    me, boss = demo.users[emp.id], demo.users[review.reviewer_id]
    latest = demo.now - timedelta(hours=1)

    def later(**delta) -> datetime:
        return min(t + timedelta(**delta), latest)

    t = min(start, latest)
    if to is S.not_started:
        return t
    if not skip_self:
        if to is S.self_in_progress or rng.random() < 0.3:
            draft = _self_part(demo, review, submit=False, partial=True)
            services.save_self_assessment(me, review, draft, now=t)
            t = later(days=rng.randint(1, 3), hours=rng.randint(0, 6))
        if to is S.self_in_progress:
            return t
        services.save_self_assessment(
            me, review, _self_part(demo, review, submit=True), now=t
        )
        if to is S.self_submitted:
            return t
        t = later(days=rng.randint(1, 4), hours=rng.randint(1, 8))
    else:
        t = min(max(t, _at(self_due + timedelta(days=1), 10)), latest)
    part = _manager_part(
        demo, review, previous, "draft" if to is S.manager_in_progress else kind
    )
    services.save_manager_assessment(boss, review, part, now=t)
    if to is S.manager_in_progress:
        return t
    t = later(hours=rng.randint(1, 20))
    services.share_review(boss, review, now=t)
    if to is S.shared:
        return t
    t = later(days=rng.randint(0, 3), hours=rng.randint(2, 20))
    comment = (
        demo.fill(rng.choice(DISAGREE_COMMENTS), emp)
        if disagree
        else rng.choice(ACK_COMMENTS)
    )
    services.acknowledge_review(
        me, review, {"comment": comment, "disagree": disagree}, now=t
    )
    if addendum:
        t = later(days=rng.randint(3, 7))
        author = rng.choice([boss, demo.hr])
        text = ADDENDA[1] if author is demo.hr else rng.choice([ADDENDA[0], ADDENDA[2]])
        services.add_addendum(
            author, review, {"text": text.format(day=t.date().isoformat())}, now=t
        )
    return t


def _closed_cycle(demo: Demo, half: Half, *, low_info: str | None, terse: str | None):
    """Launch, walk every review to acknowledged, close. ``low_info``/``terse``: the job
    title of a manager whose reports get identical-rating / few-word reviews."""
    rng = demo.rng
    launch = half.end + timedelta(days=2)
    cycle = _create_cycle(
        demo,
        half,
        launch,
        hired_before=half.start + timedelta(days=60),
        self_due=launch + timedelta(days=14),
    )
    previous = _previous_ratings(_shared_ids(demo, exclude=cycle.id))
    reviews = _cycle_reviews(cycle)
    terse_boss = _first_with_title(demo, terse)
    low_boss = _first_with_title(demo, low_info)
    candidates = [
        r
        for r in reviews
        if not demo.cautionary(r.employee)
        and r.reviewer_id not in (terse_boss, low_boss)
    ]
    disagreeing = {r.id for r in rng.sample(candidates, 3)}
    skipping = {r.id for r in rng.sample(candidates, 2)}
    last = _at(launch)
    for review in reviews:
        kind = "full"
        if review.reviewer_id == low_boss:
            kind = "identical"
        elif review.reviewer_id == terse_boss:
            kind = "terse"
        start = _at(launch + timedelta(days=rng.randint(1, 11)), rng.randint(8, 17))
        last = max(
            last,
            _walk(
                demo,
                review,
                previous.get(review.employee_id, {}),
                to=S.acknowledged,
                start=start,
                self_due=cycle.self_due_on,
                kind=kind,
                skip_self=review.id in skipping,
                disagree=review.id in disagreeing,
                addendum=review.id in disagreeing,
            ),
        )
        if demo.cautionary(review.employee):
            demo.last_needs[review.employee_id] = [
                n["skill_id"] for n in _named_needs(review.id)
            ]
    services.close_cycle(
        demo.hr, cycle, {}, now=max(last, _at(cycle.signoff_due_on)) + timedelta(days=3)
    )
    db.session.flush()
    db.session.expire_all()  # close_cycle updates the reviews in bulk


def _named_needs(review_id: int) -> list[dict]:
    return [
        {"skill_id": skill_id}
        for skill_id in db.session.scalars(
            sa.select(TrainingNeed.skill_id).where(
                TrainingNeed.source_review_id == review_id
            )
        )
    ]


def _first_with_title(demo: Demo, title: str | None) -> int | None:
    if title is None:
        return None
    return next((p.id for p in demo.org.people if p.job_title == title), None)


def _shared_ids(demo: Demo, exclude: int) -> list[int]:
    """The latest shared review per person among the other cycles so far."""
    rows = db.session.execute(
        sa.select(Review.employee_id, Review.id)
        .where(
            Review.cycle_id.in_([c.id for c in demo.cycles if c.id != exclude] or [0]),
            Review.status.in_([s for s in ReviewStatus if s.is_shared]),
        )
        .order_by(Review.period_end)
    )
    return list(dict(rows.all()).values())


# -- what became of the closed cycles' needs and goals ------------------------------------


def _settle_outcomes(demo: Demo) -> None:
    """Needs of the closed cycles: met, in progress, dropped or still open — except in
    the cautionary department, where nothing ever happened. Goals: achieved, missed,
    dropped (older cycle) or active with progress (newer cycle)."""
    rng = demo.rng
    older, newer = demo.cycles
    cautionary_id = demo.org.departments[CAUTIONARY_DEPARTMENT].id
    demo_employee = demo.employee.id
    rows = db.session.execute(
        sa.select(TrainingNeed, Review.cycle_id, Review.reviewer_id, Review.shared_at)
        .join(Review, Review.id == TrainingNeed.source_review_id)
        .join(Employee, Employee.id == TrainingNeed.employee_id)
        .where(
            Review.cycle_id.in_([older.id, newer.id]),
            Employee.department_id != cautionary_id,
        )
        .order_by(TrainingNeed.id)
    ).all()
    fates_of_demo_employee = iter(["met", "open", "dropped", "in_progress"])
    for need, cycle_id, reviewer_id, shared_at in rows:
        if need.employee_id == demo_employee and cycle_id == newer.id:
            fate = next(fates_of_demo_employee, "open")
        elif cycle_id == older.id:
            fate = rng.choices(["met", "in_progress", "dropped", "open"], [5, 1, 2, 2])[
                0
            ]
        else:
            fate = rng.choices(["met", "in_progress", "dropped", "open"], [3, 3, 1, 3])[
                0
            ]
        if fate == "open":
            continue
        evidence = min(
            shared_at + timedelta(days=rng.randint(20, 70)),
            demo.now - timedelta(days=10),
        )
        actor = demo.users.get(reviewer_id, demo.hr)
        when = evidence
        if fate == "met":
            when = min(evidence + timedelta(days=rng.randint(2, 10)), demo.now)
            need.status = TrainingNeedStatus.met
            need.evidence_at = evidence
            need.verified_at = when
            need.verified_by_id = actor.id
        elif fate == "in_progress":
            need.status = TrainingNeedStatus.in_progress
            need.evidence_at = evidence
        else:
            need.status = TrainingNeedStatus.dropped
            need.drop_reason = rng.choice(DROP_REASONS)
        need.updated_at = when
        record_event(actor, need, "status_changed", {"to": need.status.value}, now=when)

    goals = db.session.execute(
        sa.select(Goal, Review.cycle_id)
        .join(Review, Review.id == Goal.source_review_id)
        .where(Review.cycle_id.in_([older.id, newer.id]))
        .order_by(Goal.id)
    ).all()
    for goal, cycle_id in goals:
        if cycle_id == older.id:
            goal.status = rng.choices(
                [GoalStatus.achieved, GoalStatus.missed, GoalStatus.dropped], [5, 3, 1]
            )[0]
            goal.progress = {
                GoalStatus.achieved: 100,
                GoalStatus.missed: rng.choice([40, 60, 80]),
                GoalStatus.dropped: rng.choice([0, 10, 30]),
            }[goal.status]
        else:
            goal.progress = rng.choice([10, 30, 50, 70, 90, 100])
            if goal.progress == 100:
                goal.status = GoalStatus.achieved
        goal.cycle_id = None
    db.session.flush()


# -- the active cycle ------------------------------------------------------------------

ACTIVE_MIX = [
    (S.not_started, 3),
    (S.self_in_progress, 3),
    (S.self_submitted, 4),
    (S.manager_in_progress, 3),
    (S.shared, 3),
    (S.acknowledged, 4),
]


def _active_cycle(demo: Demo, half: Half) -> None:
    rng = demo.rng
    launch = demo.today - timedelta(days=18)
    demo.live = True
    cycle = _create_cycle(
        demo,
        half,
        launch,
        hired_before=half.end - timedelta(days=30),
        self_due=demo.today - timedelta(days=4),
    )
    previous = _previous_ratings(_shared_ids(demo, exclude=cycle.id))
    reviews = _cycle_reviews(cycle)
    manager = demo.manager.id
    team = {r.employee_id: r for r in reviews if r.reviewer_id == manager}
    forced = {demo.employee.id: S.self_in_progress}
    others = [e for e in sorted(team) if e != demo.employee.id]
    for employee_id, status in zip(
        others,
        [S.self_submitted, S.self_submitted, S.manager_in_progress, S.shared],
        strict=False,
    ):
        forced[employee_id] = status
    statuses = [s for s, _ in ACTIVE_MIX]
    weights = [w for _, w in ACTIVE_MIX]
    marketing_boss = _first_with_title(demo, "Marketing Director")
    plan = []
    for i, review in enumerate(r for r in reviews if r.employee_id not in forced):
        # The first six cover every status; then a realistic mix.
        status = statuses[i] if i < len(statuses) else rng.choices(statuses, weights)[0]
        plan.append((review, status))
    plan += [(team[e], s) for e, s in forced.items()]
    skipped = 0
    for review, status in plan:
        kind = "identical" if review.reviewer_id == marketing_boss else "full"
        skip = (
            status in (S.manager_in_progress, S.shared)
            and skipped < 2
            and review.employee_id not in forced
        )
        skipped += skip
        start = _at(launch + timedelta(days=rng.randint(1, 6)), rng.randint(8, 17))
        _walk(
            demo,
            review,
            previous.get(review.employee_id, {}),
            to=status,
            start=start,
            self_due=cycle.self_due_on,
            kind=kind,
            skip_self=skip,
            disagree=status is S.acknowledged and rng.random() < 0.1,
        )
    db.session.flush()


def _adhoc_reviews(demo: Demo) -> None:
    """Two ad hoc reviews (Engineering template) of recent hires by their manager: one
    acknowledged a few weeks ago, one with the manager's draft under way."""
    engineers = sorted(
        (
            p
            for p in demo.org.people
            if p.job_title == "Software Engineer"
            and p.is_active
            and p.hired_on <= demo.today - timedelta(days=45)
        ),
        key=lambda p: p.hired_on,
        reverse=True,
    )[:2]
    for emp, (started, to) in zip(
        engineers,
        [(demo.today - timedelta(days=30), S.acknowledged),
         (demo.today - timedelta(days=6), S.manager_in_progress)],
        strict=False,
    ):  # fmt: skip
        boss = demo.users[emp.manager_id]
        review = services.start_adhoc_review(
            boss,
            {
                "employee_id": emp.id,
                "template_id": demo.engineering.id,
                "period_start": max(emp.hired_on, started - timedelta(days=180)),
                "period_end": started,
            },
            now=_at(started, 10),
        )
        db.session.flush()
        db.session.expire(review)
        review = (
            db.session.scalars(
                sa.select(Review).where(Review.id == review.id).options(*REVIEW_OPTIONS)
            )
            .unique()
            .one()
        )
        _walk(
            demo,
            review,
            {},
            to=to,
            start=_at(started + timedelta(days=1), 14),
            self_due=review.self_due_on,
        )
    db.session.flush()


def _event_time(table: sa.Table, object_type: str, fn=sa.func.max):
    """The time of the first/last audit event of each row of ``table`` (a subquery)."""
    return (
        sa.select(fn(AuditEvent.at))
        .where(
            AuditEvent.object_type == object_type, AuditEvent.object_id == table.c.id
        )
        .scalar_subquery()
    )


def _backdate_rows() -> None:
    """Rows the services stamp with the wall clock (``updated_at``; the ``created_at`` of
    needs, goals and ad hoc reviews) get the time of their audited changes instead.
    (``created_at`` first: a core UPDATE without ``updated_at`` sets it to now.)"""
    db.session.flush()
    for model in (TrainingNeed, Goal):
        table = model.__table__
        shared_at = (
            sa.select(Review.shared_at)
            .where(Review.id == table.c.source_review_id)
            .scalar_subquery()
        )
        db.session.execute(
            sa.update(table)
            .where(table.c.source_review_id.is_not(None))
            .values(created_at=shared_at)
        )
    reviews = Review.__table__
    db.session.execute(
        sa.update(reviews)
        .where(reviews.c.cycle_id.is_(None))
        .values(created_at=_event_time(reviews, "Review", sa.func.min))
    )
    for model in (Review, TrainingNeed, ReviewCycle):
        table = model.__table__
        last = _event_time(table, model.__name__)
        db.session.execute(
            sa.update(table).values(
                updated_at=sa.func.coalesce(last, table.c.created_at)
            )
        )
    goals = Goal.__table__
    db.session.execute(sa.update(goals).values(updated_at=goals.c.created_at))
    db.session.expire_all()
