"""Interview labels tell the truth (issue 15, finding 12): an idea is not
"Conducted", a planned interview is not "(conducted)", the target role is labelled."""

from core.extensions import db
from development.enums import ActivityKind, InterviewDirection
from development.services import interviews
from tests.conftest import sign_in


def _idea(org, **data):
    interview = interviews.create_interview(
        org.employee, {"purpose": "Learn", "target_role": "Staff Engineer", **data}
    )
    db.session.commit()
    return interview


def test_an_idea_carries_no_conducted_badge(client, org):
    interview = _idea(org)
    sign_in(client, org.employee)
    html = client.get(f"/development/interviews/{interview.id}").get_data(as_text=True)
    assert "Conducted" not in html
    assert "I ask (learning)" in html
    assert "<dt>Target role</dt><dd>Staff Engineer</dd>" in html


def test_the_board_labels_the_target_role(client, org):
    _idea(org)
    sign_in(client, org.employee)
    html = client.get("/development/interviews").get_data(as_text=True)
    assert "Target role: Staff Engineer" in html


def test_interview_kinds_say_who_asks_not_that_it_happened():
    assert "conducted" not in ActivityKind.interview_conducted.title.lower()
    assert "given" not in ActivityKind.interview_given.title.lower()
    assert InterviewDirection.conducted.title == "I ask (learning)"
