"""Long user text never widens a page: at 390×844 a review answer, an interview and an
activity holding a 200-character URL and a 4,000-character text leave no sideways
scroll (``overflow-wrap: anywhere`` on user text, in cards, lists and tables).

The records are added to the shared demo server through the services, on fresh rows
(an ad hoc review, a new interview and activity), so the other browser tests' data is
unchanged.
"""

import pytest
import sqlalchemy as sa

from core.extensions import db
from tests.browser.conftest import ARTIFACTS, sign_in

pytestmark = pytest.mark.browser

URL = "https://example.com/" + "a1b2c3d4e5" * 18
URL = URL + "x" * (200 - len(URL))
# Words a person writes, one URL among them, and one unbroken run: 4,000 characters.
PARAGRAPH = "What I learned from the pairing sessions, see " + URL + " for the notes. "
TEXT = (PARAGRAPH * 20 + "z" * 800)[:4000]


def _user(email):
    from people.models import User

    return db.session.scalar(sa.select(User).where(User.email == email))


def _arrange(server) -> dict[str, str]:
    """The long-text review, interview and activity; their pages by name."""
    from development.schemas.forms import ActivityCreateSchema, InterviewCreateSchema
    from development.services.activities import create_activity
    from development.services.interviews import create_interview
    from reviews.models import ReviewTemplate, TemplateQuestion
    from reviews.queries import load_review
    from reviews.schemas.forms import AdhocReviewCreateSchema, SelfAssessmentSchema
    from reviews.services import save_self_assessment, start_adhoc_review

    assert len(URL) == 200 and len(TEXT) == 4000
    with server.app.app_context():
        employee = _user(server.logins["employee"])
        manager = _user(server.logins["manager"])
        template_id = db.session.scalar(
            sa.select(sa.func.min(ReviewTemplate.id)).where(
                ReviewTemplate.id.in_(sa.select(TemplateQuestion.template_id))
            )
        )
        review = start_adhoc_review(
            manager,
            AdhocReviewCreateSchema().load(
                {
                    "employee_id": employee.employee_id,
                    "template_id": template_id,
                    "period_start": "2026-01-01",
                    "period_end": "2026-03-31",
                }
            ),
        )
        review = load_review(review.id)
        answers = [
            {"question_id": q.id, "answer": TEXT} for q in review.template.questions
        ]
        save_self_assessment(
            employee,
            review,
            SelfAssessmentSchema().load({"answers": answers, "achievements": TEXT}),
        )
        activity = create_activity(
            employee,
            ActivityCreateSchema().load(
                {
                    "kind": "course",
                    "title": URL,
                    "provider": URL[:200],
                    "evidence_url": URL,
                    "evidence_note": TEXT,
                    "reflection": TEXT,
                }
            ),
        )
        interview = create_interview(
            employee,
            InterviewCreateSchema().load(
                {"title": URL, "purpose": TEXT, "target_organisation": URL[:160]}
            ),
        )
        db.session.commit()
        pages = {
            "review": f"/reviews/{review.id}",
            "review-form": f"/reviews/{review.id}/self-assessment",
            "interview": f"/development/interviews/{interview.id}",
            "interviews": "/development/interviews",
            "activities": "/development",
            "activity-form": f"/development/activities/{activity.id}/edit",
        }
        db.session.remove()
    return pages


def test_long_user_text_never_scrolls_the_phone_page_sideways(live_server, new_page):
    pages = _arrange(live_server)
    page = new_page(390)
    sign_in(page, live_server, "employee")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    wide = {}
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{name}: {response.status}"
        assert URL[:40] in page.content(), name  # the long text is on the page
        page.screenshot(
            path=str(ARTIFACTS / f"long-text-{name}-390.png"), full_page=True
        )
        widths = page.evaluate(
            "[document.documentElement.scrollWidth,"
            " document.documentElement.clientWidth]"
        )
        if widths[0] > widths[1]:
            wide[name] = widths
    assert wide == {}
