"""The prose pools of the reviews demo: the two templates, each department's work and
what people write about it (self-assessments, strengths, areas, obstacles, goals,
acknowledgements, disagreements, addenda). Manager comments live in ``comments``."""

from reviews.enums import ObstacleCategory

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
