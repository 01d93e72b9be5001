"""``VALID_BODIES`` and ``ARRANGE`` entries of the mass-assignment gate for the
development API (merged into ``tests.gates.test_mass_assignment``).

Interview steps act on the matrix interview world (Emma's idea), walked on to the
state each body needs. The evidence upload is multipart, not JSON: it is listed in
``MULTIPART_CHECKED`` with the test that proves extra form fields change nothing.
"""

from datetime import UTC, datetime

from core.extensions import db
from tests.gates.matrix.params import PARAMS

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)
HELD = datetime(2026, 11, 10, 10, tzinfo=UTC)  # after the scheduled time: completed
STEPS = ("requested", "scheduled", "completed")
CSV = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + (
    "Ann,Lee,https://www.linkedin.com/in/annlee,ann@example.com,Acme,CTO,12 Mar 2024\n"
)
IV = "/api/v1/interviews/<int:interview_id>"

VALID_BODIES = {
    ("POST", "/api/v1/activities"): (
        "employee",
        lambda org: {"kind": "course", "title": "Statistics course", "hours": 3},
    ),
    ("PATCH", "/api/v1/activities/<int:activity_id>"): (
        "employee",
        lambda org: {"title": "Statistics, part 2", "hours": 4},
    ),
    # Emma's completed course; its direct manager verifies it.
    ("POST", "/api/v1/activities/<int:activity_id>/verify"): (
        "manager",
        lambda org: {"need_met": False},
    ),
    # Emma's mentorship (the matrix world: monthly, her peer mentors).
    ("PATCH", "/api/v1/activities/<int:mentorship_id>/mentorship"): (
        "employee",
        lambda org: {"cadence": "weekly", "planned_sessions": 8},
    ),
    ("POST", "/api/v1/activities/<int:mentorship_id>/sessions"): (
        "employee",
        lambda org: {"held_on": "2026-03-05", "hours": 1.5, "note": "Mine alone."},
    ),
    ("POST", "/api/v1/interviews"): (
        "employee",
        lambda org: {"purpose": "Learn how product managers work."},
    ),
    # The matrix interview is an idea: its details may change.
    ("PATCH", IV): (
        "employee",
        lambda org: {"target_role": "Product manager", "mode": "phone"},
    ),
    ("POST", IV + "/request"): (
        "employee",
        lambda org: {"message": "Dear Ann, may I ask you for 20 minutes?"},
    ),
    ("POST", IV + "/schedule"): (
        "employee",
        lambda org: {"scheduled_at": "2026-11-20T10:00:00Z", "location": "Zoom"},
    ),
    ("POST", IV + "/prepare"): (
        "employee",
        lambda org: {"research_notes": "Annual report.", "questions": ["A day?"]},
    ),
    ("POST", IV + "/complete"): (
        "employee",
        lambda org: {"takeaways": "Learn SQL.", "private_notes": "Mine alone."},
    ),
    ("POST", IV + "/follow-up"): (
        "employee",
        lambda org: {"thank_you_sent_on": "2026-11-21"},
    ),
    ("POST", IV + "/close"): ("employee", lambda org: {"outcome": "declined"}),
    ("POST", IV + "/referrals"): (
        "employee",
        lambda org: {"name": "Bo Berg", "organisation": "Acme"},
    ),
    ("POST", "/api/v1/contacts"): (
        "employee",
        lambda org: {"name": "Ann Lee", "organisation": "Acme"},
    ),
    ("PATCH", "/api/v1/contacts/<int:contact_id>"): (
        "employee",
        lambda org: {"title": "CTO", "organisation": "Acme"},
    ),
    ("POST", "/api/v1/contacts/import"): (
        "employee",
        lambda org: {"csv": CSV, "preview": False},
    ),
    ("POST", "/api/v1/question-bank"): (
        "hr",
        lambda org: {"text": "What surprised you most in this job?"},
    ),
    ("POST", "/api/v1/interview-suggestions"): (
        "manager",
        lambda org: {"employee_id": org.employee.employee_id, "topic": "Data work"},
    ),
    ("PATCH", "/api/v1/development-policy"): (
        "hr",
        lambda org: {"interviews_per_month": 3},
    ),
}


def _interview_at(status: str):
    """Walk the matrix interview (Emma's idea) on to ``status`` (idempotent)."""

    def arrange(org) -> str:
        from development.enums import InterviewStatus
        from development.models import InformationalInterview
        from development.services import interviews as services

        interview = db.session.get(InformationalInterview, PARAMS["interview_id"](org))
        emma = org.employee
        for step in STEPS[: STEPS.index(status) + 1]:
            if interview.status is InterviewStatus.idea and step == "requested":
                services.request_interview(emma, interview, {"message": "Hi"}, now=NOW)
            elif interview.status is InterviewStatus.requested and step == "scheduled":
                services.schedule_interview(
                    emma,
                    interview,
                    {"scheduled_at": datetime(2026, 11, 10, 9, tzinfo=UTC)},
                    now=NOW,
                )
            elif interview.status is InterviewStatus.scheduled and step == "completed":
                services.complete_interview(emma, interview, {}, now=HELD)
        db.session.commit()
        return f"/api/v1/interviews/{interview.id}"

    return arrange


def _then(arrange, suffix: str):
    return lambda org: arrange(org) + suffix


ARRANGE = {
    ("POST", IV + "/schedule"): _then(_interview_at("requested"), "/schedule"),
    ("POST", IV + "/complete"): _then(_interview_at("scheduled"), "/complete"),
    ("POST", IV + "/follow-up"): _then(_interview_at("completed"), "/follow-up"),
    # Referrals come from a completed interview.
    ("POST", IV + "/referrals"): _then(_interview_at("completed"), "/referrals"),
}

MULTIPART_CHECKED = {
    ("POST", "/api/v1/activities/<int:activity_id>/evidence-file"): (
        "tests/development/api/test_evidence.py::"
        "test_extra_form_fields_are_ignored_and_change_nothing"
    ),
}
