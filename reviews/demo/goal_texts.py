"""The prose of the goals and needs demo: the aligned goal tree (company, department,
team, individual), check-in notes, and the courses and notes used as evidence."""

from reviews.enums import CheckInStatus, MeasureType

P, N, D = MeasureType.percent, MeasureType.number, MeasureType.done


def goal(title, description, measure=P, start=0.0, target=100.0, unit="") -> dict:
    return {
        "title": title,
        "description": description,
        "measure": measure,
        "start_value": start if measure is N else None,
        "target_value": target if measure is N else None,
        "unit": unit,
    }


COMPANY_GOAL = goal(
    "Grow recurring revenue 25%",
    "From €8.0m to €10.0m annual recurring revenue by the end of the period, without "
    "raising churn. Every department goal aligns to this one.",
    N,
    8.0,
    10.0,
    "€m ARR",
)

# department -> its head's goal, aligned to the company goal
DEPARTMENT_GOALS = {
    "Engineering": goal(
        "Make checkout fast and dependable",
        "p95 checkout latency from 1,800 ms to 600 ms; no billing incident longer "
        "than an hour.",
        N,
        1800,
        600,
        "ms",
    ),
    "Product": goal(
        "Raise trial-to-paid conversion from 9% to 14%",
        "Onboarding, pricing page and in-product prompts; measured monthly.",
        N,
        9,
        14,
        "%",
    ),
    "Sales": goal(
        "Close €1.2m of new annual contracts",
        "New logos only; renewals are counted by Customer Success.",
        N,
        0,
        1.2,
        "€m",
    ),
    "Marketing": goal(
        "Generate 900 sales-qualified leads",
        "Webinars, case studies and the relaunched website.",
        N,
        0,
        900,
        "leads",
    ),
    "Customer Success": goal(
        "Lift net revenue retention from 98% to 105%",
        "Fewer cancellations in the first year, more upgrades at renewal.",
        N,
        98,
        105,
        "%",
    ),
    "Finance": goal(
        "Close the books in 5 working days",
        "Down from 9; the auditors' findings closed on the way.",
        N,
        9,
        5,
        "days",
    ),
    "People": goal(
        "Hire 12 engineers and account executives",
        "Offers accepted, not just made; time to hire under 40 days.",
        N,
        0,
        12,
        "hires",
    ),
    "Operations": goal(
        "Cut vendor spend by 15% without losing a service",
        "Consolidate overlapping tools; renegotiate the three largest contracts.",
    ),
}

# team lead job title -> their teams' goals in order (one per team of that title)
TEAM_GOALS = {
    "Engineering Manager": [
        goal(
            "Move billing onto the new payments provider",
            "Every plan and currency migrated; the old provider switched off.",
        ),
        goal(
            "Cut CI time from 25 to 9 minutes",
            "Faster feedback means smaller releases and fewer checkout regressions.",
            N,
            25,
            9,
            "min",
        ),
        goal(
            "Ship usage-based pricing behind a flag",
            "Metering, invoices and the pricing page, ready for the pilot customers.",
            D,
        ),
    ],
    "Product Manager": [
        goal(
            "Redesign the onboarding flow",
            "Five interviews a month; the new flow shipped to all trials.",
        )
    ],
    "Sales Manager": [
        goal(
            "Win ten new logos in the Nordics",
            "Partner-led; the first three references by mid-period.",
            N,
            0,
            10,
            "logos",
        ),
        goal(
            "Land five public-sector contracts",
            "Two tenders and three framework call-offs.",
            N,
            0,
            5,
            "contracts",
        ),
    ],
    "Support Team Lead": [
        goal(
            "Answer 90% of tickets within 4 hours",
            "The triage rota and the help-centre rewrite do the work.",
            N,
            70,
            90,
            "%",
        )
    ],
}
# The demo manager (Head of Engineering) also leads a team of senior engineers.
PLATFORM_GOAL = goal(
    "Billing uptime of 99.9%",
    "Measured monthly on the payments and invoicing services.",
    N,
    99.5,
    99.9,
    "%",
)

# job title -> individual goals for people with that title, aligned to their manager's
# team goal (or, where the manager leads no team, the department goal)
PERSONAL_GOALS = {
    "Senior Software Engineer": [
        goal(
            "Add contract tests for the payments API",
            "Every endpoint the checkout calls; run on each pull request.",
        ),
        goal(
            "Write the billing on-call runbook",
            "Tested by someone who has never been on call for billing.",
            D,
        ),
        goal(
            "Move the invoice jobs onto the task queue",
            "All fourteen cron jobs, with retries and alerts.",
            N,
            0,
            14,
            "jobs",
        ),
    ],
    "Software Engineer": [
        goal(
            "Parallelise the integration tests",
            "Split by service, run on four workers.",
        ),
        goal(
            "Cache the dependency install in CI",
            "One step, measured before and after.",
            D,
        ),
    ],
    "Product Designer": [
        goal(
            "Interview 20 trial users", "Recorded and tagged.", N, 0, 20, "interviews"
        ),
    ],
    "Account Executive": [
        goal(
            "Book 30 first meetings",
            "Through the partner channel.",
            N,
            0,
            30,
            "meetings",
        ),
    ],
    "Support Specialist": [
        goal(
            "Rewrite 25 help-centre articles",
            "The most-viewed first.",
            N,
            0,
            25,
            "articles",
        ),
    ],
    "Marketing Specialist": [
        goal(
            "Publish six customer case studies",
            "With numbers and a quote.",
            N,
            0,
            6,
            "studies",
        ),
    ],
    "Accountant": [
        goal(
            "Automate the bank reconciliation",
            "Matched by the tool, checked by hand.",
            D,
        ),
    ],
    "HR Partner": [
        goal(
            "Cut time to hire to 40 days",
            "From first interview to accepted offer.",
            N,
            55,
            40,
            "days",
        ),
    ],
    "Operations Analyst": [
        goal("Consolidate the survey and form tools", "From four tools to one.", P),
    ],
}

CHECK_IN_NOTES = {
    CheckInStatus.on_track: [
        "On plan; the last milestone landed a week early.",
        "Steady progress; nothing blocking.",
        "Ahead of where we expected; keeping the pace.",
        "On track after the re-plan in the last one-to-one.",
    ],
    CheckInStatus.at_risk: [
        "Slipping: two people were out for a week and we lost momentum.",
        "At risk; waiting on another team for the API change.",
        "Behind the line; cutting scope to keep the date.",
    ],
    CheckInStatus.off_track: [
        "Off track: blocked on the vendor contract, escalated.",
        "Well behind; priorities moved to an urgent customer issue.",
        "Stalled this month; we need to talk about the target.",
    ],
}
DROP_GOAL_NOTE = "Dropped: the pilot customers moved to next year, so this waits."

# skill -> (course, hours) for evidence notes
COURSES = {
    "Python": ("Idiomatic Python", 16),
    "System design": ("System Design in Practice", 20),
    "Testing": ("Testing in Practice", 12),
    "SQL": ("Advanced SQL for Analysts and Engineers", 10),
    "Security": ("Secure Coding for Web Developers", 8),
    "DevOps": ("Infrastructure as Code Foundations", 14),
    "Product discovery": ("Continuous Discovery Habits", 12),
    "User research": ("Interviewing Users", 6),
    "Roadmapping": ("Outcome-based Roadmaps", 4),
    "Data analysis": ("Data Analysis with Spreadsheets and SQL", 12),
    "Negotiation": ("Negotiation Fundamentals", 8),
    "Account management": ("Strategic Account Management", 10),
    "Forecasting": ("Sales Forecasting that Holds", 6),
    "Campaigns": ("B2B Campaign Planning", 6),
    "Coaching": ("Coaching Skills for Managers", 12),
    "Delegation": ("Delegating Well", 4),
    "Giving feedback": ("Feedback that Lands", 4),
    "Hiring": ("Structured Interviewing", 6),
    "Written communication": ("Clear Business Writing", 6),
    "Presenting": ("Presenting with Confidence", 8),
    "Stakeholder management": ("Managing Stakeholders", 6),
    "Budgeting": ("Budgeting and Forecasting for Managers", 8),
    "Compliance": ("GDPR and Data Protection Essentials", 6),
    "Vendor management": ("Vendor Negotiation and Management", 6),
}
EVIDENCE_NOTES = [
    "Completed '{course}' ({hours} h).",
    "Completed '{course}' ({hours} h); certificate attached.",
    "Attended the '{course}' workshop; notes shared with the team.",
    "Six weeks of pairing on {skill} with a senior colleague; write-up linked.",
]
LEARNING_URL = "https://learn.trellis.example/courses/{slug}"

# The demo employee's weekly goal: checked in every week, then not for twelve days, so
# its check-in is overdue (the to-do, the reminder and the manager's digest show it).
WEEKLY_GOAL = goal(
    "Triage the accessibility backlog",
    "Every open accessibility issue labelled and sized, reviewed each week.",
    N,
    0,
    12,
    "issues",
)
WEEKLY_CHECK_INS = (  # (days after the goal was set, value, status, note)
    (7, 2, "on_track", "Two issues labelled and sized."),
    (14, 4, "on_track", "Four done; the form issues are the largest."),
    (21, 5, "at_risk", "Only one this week: the release took the time."),
    (35, 7, "at_risk", "Seven done; skipped last week's review."),
)
