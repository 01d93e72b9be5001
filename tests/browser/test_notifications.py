"""The notification centre, its settings and the admin jobs and outbox pages in Chromium
at laptop and phone widths: axe finds nothing serious, the CSP holds, the header count
follows what the person reads. Screenshots in ``test-artifacts/screenshots``."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def arranged(live_server):
    """Four delivered notifications for the demo employee, a run of every job and one
    that did not finish."""
    from core.extensions import db
    from jobs.registry import job_specs
    from jobs.runner import run_job
    from notifications.kinds import NotificationKind as K
    from notifications.services import Pending, queue
    from people.models import User

    with live_server.app.app_context():
        email = live_server.logins["employee"]
        user = db.session.scalar(sa.select(User).where(User.email == email))
        review = {
            "employee": "Eva Haas",
            "cycle": "H2 2026",
            "owner": True,
            "step": "the self-assessment",
            "due_on": "2026-12-01",
        }
        queue(
            [
                Pending(
                    user.id,
                    K.review_due_soon,
                    "browser",
                    1,
                    NOW,
                    review,
                    link="/reviews",
                ),
                Pending(
                    user.id,
                    K.review_due_today,
                    "browser",
                    2,
                    NOW - timedelta(hours=1),
                    review,
                    link="/reviews",
                ),
                Pending(
                    user.id,
                    K.need_due_soon,
                    "browser",
                    3,
                    NOW - timedelta(hours=2),
                    {
                        "employee": "Eva Haas",
                        "skill": "SQL",
                        "target_level": 4,
                        "due_on": "2026-12-09",
                        "is_owner": True,
                    },
                    link="/reviews/needs",
                ),
                Pending(
                    user.id,
                    K.interview_follow_up,
                    "browser",
                    4,
                    NOW - timedelta(hours=3),
                    {
                        "employee": "Eva Haas",
                        "contact": "Naomi Achterberg",
                        "target_role": "Data engineer",
                        "follow_up_on": "2026-11-25",
                    },
                    link="/development/interviews",
                ),
            ],
            now=NOW,
        )
        # a send_due run killed an hour ago (made up by the run below): the page's
        # "did not finish" table has a row
        from jobs.models import JobRun

        killed = NOW - timedelta(hours=1)
        db.session.add(
            JobRun(
                job_id="notifications.send_due",
                now=killed,
                started_at=killed,
                heartbeat_at=killed,
                progress=12,
                process="worker-1:4242",
            )
        )
        db.session.commit()
        for spec in job_specs():
            run_job(spec, NOW, manual=True)
        db.session.remove()
    return live_server


def _unread(page) -> str:
    badge = page.locator(".unread-count")
    return badge.inner_text().split()[0] if badge.count() else "0"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_centre_and_settings(arranged, new_page, width):
    base, problems = arranged.url, {}
    page = new_page(width)
    sign_in(page, arranged, "employee")
    before = int(_unread(page))
    assert before >= 4
    page.goto(f"{base}/notifications")
    _check(page, "notifications-centre", problems)
    page.locator("button:has-text('Mark as read')").first.click()
    page.wait_for_url(f"{base}/notifications*")
    assert int(_unread(page)) == before - 1
    page.goto(f"{base}/notifications/preferences")
    essential = page.locator("#kind-review_due_today")
    assert essential.is_disabled() and essential.is_checked()
    _check(page, "notifications-settings", problems)
    page.uncheck("#kind-manager_digest")
    page.click("button:has-text('Save settings')")
    assert "Your notification settings are saved." in page.content()
    assert not page.locator("#kind-manager_digest").is_checked()
    page.check("#kind-manager_digest")
    page.click("button:has-text('Save settings')")
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_admin_jobs_and_outbox(arranged, new_page, width):
    base, problems = arranged.url, {}
    page = new_page(width)
    sign_in(page, arranged, "admin")
    page.goto(f"{base}/admin/jobs")
    assert "notifications.send_due" in page.content()
    assert "12 item(s) committed" in page.content()  # a run that did not finish
    _check(page, "admin-jobs", problems)
    page.goto(f"{base}/admin/outbox")
    _check(page, "admin-outbox", problems)
    page.locator("table a").first.click()
    page.wait_for_url(f"{base}/admin/outbox/*")
    _check(page, "admin-outbox-message", problems)
    assert not problems, json.dumps(problems, indent=2)
