"""Gate: every state change made through a service writes an audit event.

How: ``tests.gates.audit_watch.AuditWatch`` wraps every public function of every
``*/services.py`` and ``*/services/*.py`` (found by walking the tree, so a new service
is watched without anyone listing it) and listens to the ORM session. A call that
adds, changes or deletes a domain row and adds no ``AuditEvent`` is a violation.

The scenarios: the demo organisation (``load_demo``: months of reviews, goals, needs,
activities and interviews built through the services, ended by every scheduled job),
and for what the demo never does (accounts, HR's reference data, edits) the recipes of
``tests/gates/audit_scenarios.py``. Together they must call every public service
function that is not a read (``READ_ONLY``): a new function that neither calls fails
``test_every_service_function_is_exercised`` until a recipe calls it (or it is a read
and is listed here). To watch any other suite the same way:
``AUDIT_WATCH_REPORT=out.json python -m pytest -p tests.gates.audit_watch_plugin
tests/...`` writes what the watch saw. ``test_the_watch_catches_a_planted_service`` shows the watch
failing for a service that changes a row without an event.
"""

import pytest

from core.audit import AuditEvent, record_event
from core.extensions import db
from tests.gates.audit_scenarios import run_all
from tests.gates.audit_watch import AuditWatch, service_functions

# Reads: they change nothing (a query, a pure computation or a lookup).
READ_ONLY = {
    "auth.personal_tokens.get_personal_token",
    "auth.tokens.digest",
    "auth.tokens.find_token",
    "auth.tokens.new_secret",
    "auth.services.is_locked",
    "reviews.services.flow.unrated_errors",  # builds error messages, no data
    "auth.invitations.check_invitation",
    "auth.resets.check_reset",
    "auth.two_factor.new_secret",
    "auth.two_factor.open_secret",
    "auth.two_factor.provisioning_uri",
    "auth.two_factor.recovery_codes_left",
    "auth.two_factor.seal_secret",
    "auth.services.normalise_email",
    "auth.services.random_password",
    "development.services.evidence_files.checked_content_type",
    "development.services.evidence_files.get_evidence_file",
    "development.services.interviews.held_on",
    "development.services.mentorships.add_months",  # date arithmetic
    "development.services.mentorships.last_session_on",
    "development.services.mentorships.mentoring_sessions",
    "development.services.mentorships.next_session_after",
    "development.services.mentorships.sessions_held",
    "development.services.mentorships.step_after",  # date arithmetic
    "development.services.settings.contact_line",  # formats a contact's name
    "development.services.activities.deletion_refusal",
    "development.services.verification.needs_evidenced_by",
    "notifications.services.disabled_kinds",
    "notifications.services.get_notification",
    "notifications.services.hr_user_ids",
    "notifications.services.opted_out",
    "notifications.services.user_ids_by_employee",
    "reviews.services.cycles.population_select",
    "reviews.services.cycles.unfinished_count",
    "reviews.services.flow.share_problems",
    "reviews.services.flow.silent_changes",
    "reviews.services.flow.silent_errors",  # builds error messages, no data
    "reviews.services.flow.signed_snapshot",
    "reviews.services.check_ins.check_in_deletion_refusal",
    "reviews.services.goals.progress_for",
    "reviews.services.goals.rolled_up_progress",
    "reviews.services.needs.has_evidence",
    "reviews.services.needs.skill_gaps",
    "reviews.services.outcomes.current_levels",
    "reviews.services.quality.quality_problems",
    "reviews.services.settings.current_review_settings",
    "reviews.services.templates.is_locked",
    "scim.services.get_user",
    "scim.services.not_deleted",
}

# Changes that are derived from an audited one, with the reason.
DERIVED = {
    # Recomputes a review's quality flags from the review itself, inside the audited
    # share; the flags are replaced on every share, never edited by a person.
    "reviews.services.quality.flag_quality_issues",
    # A personal access token's last use (at most once per 5 minutes): bookkeeping of
    # an authenticated request, like a login attempt; its issue and revocation are
    # audited, and an event per use would flood the trail.
    "auth.tokens.note_use",
}


def _undeclared(violations: dict) -> dict:
    return {k: sorted(v) for k, v in violations.items() if k not in DERIVED}


@pytest.fixture(scope="module")
def demo_watch(app):
    """Load the demo organisation with the watch on (and empty the database after)."""
    from people.demo import load_demo

    with app.app_context():
        _empty_tables()
        try:
            with AuditWatch() as watch:
                load_demo("demo-password-2026")
        finally:
            db.session.rollback()
            db.session.remove()
            _empty_tables()
    return watch


def _empty_tables() -> None:
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            for fk in table.foreign_keys:
                if fk.column.table is table and fk.parent.nullable:
                    conn.execute(table.update().values({fk.parent.name: None}))
            conn.execute(table.delete())


def test_the_demo_writes_an_event_for_every_change(demo_watch):
    assert _undeclared(demo_watch.violations) == {}


@pytest.fixture
def recipes_watch(org):
    """The services the demo does not call, called as the views and the API do."""
    with AuditWatch() as watch:
        run_all(org)
    return watch


def test_the_recipes_write_an_event_for_every_change(recipes_watch):
    assert _undeclared(recipes_watch.violations) == {}


def test_every_service_function_is_exercised(demo_watch, recipes_watch):
    called = demo_watch.called | recipes_watch.called
    missing = set(service_functions()) - called - READ_ONLY
    assert missing == set(), (
        "Call these from a recipe (tests/gates/audit_scenarios.py) so the gate sees "
        "whether they write an audit event, or list them in READ_ONLY if they change "
        "nothing."
    )


def test_the_lists_name_real_functions(app):
    assert (READ_ONLY | DERIVED) - set(service_functions()) == set()


def _plant_unaudited_service(monkeypatch):
    """A new service in people.services that renames a department without an event."""
    import people.services as module

    def rename_department(actor, department, name):
        department.name = name
        db.session.flush()
        return department

    rename_department.__module__ = module.__name__
    rename_department.__qualname__ = "rename_department"
    monkeypatch.setattr(module, "rename_department", rename_department, raising=False)
    return module


def test_the_watch_catches_a_planted_service(org, monkeypatch):
    module = _plant_unaudited_service(monkeypatch)
    assert "people.services.rename_department" in service_functions()
    with AuditWatch() as watch:
        module.rename_department(org.hr, org.department, "Platform")
    assert watch.violations == {"people.services.rename_department": {"Department"}}


def test_the_watch_accepts_the_same_service_with_an_event(org, monkeypatch):
    module = _plant_unaudited_service(monkeypatch)
    with AuditWatch() as watch:
        module.rename_department(org.hr, org.department, "Platform")
        record_event(org.hr, org.department, "renamed")  # outside: still a violation
    assert "people.services.rename_department" in watch.violations
    with AuditWatch() as watch:
        module.update_department(org.hr, org.department, {"name": "Platform 2"})
    assert watch.violations == {}
    assert db.session.query(AuditEvent).filter_by(action="updated").count() == 1


def test_the_watch_sees_bulk_updates_too(org, monkeypatch):
    import sqlalchemy as sa

    import people.services as module
    from people.models import Department

    def close_department(actor, department):
        db.session.execute(
            sa.update(Department).where(Department.id == department.id).values(name="x")
        )

    close_department.__module__ = module.__name__
    monkeypatch.setattr(module, "close_department", close_department, raising=False)
    with AuditWatch() as watch:
        module.close_department(org.hr, org.department)
    assert watch.violations == {"people.services.close_department": {"Department"}}
