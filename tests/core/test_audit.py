"""``core.audit``: private contents never stored; every subject type has a reader."""

import pytest

from core.audit import (
    ACCOUNT_TYPES,
    REDACTED,
    SETTINGS_TYPES,
    AuditEvent,
    record_event,
    redact,
)
from core.extensions import db
from core.permissions import visible_audit_events

# Subjects named by string (events about many objects or about a read).
PSEUDO_TYPES = {"DecisionEvidencePack"}


@pytest.mark.parametrize(
    "key", ["private_notes", "reflection", "password", "token_hash"]
)
def test_private_values_are_redacted_at_write_time(db, key):
    event = record_event(None, "InformationalInterview", "updated", {key: "SECRET"})
    db.session.flush()
    assert event.changes == {key: REDACTED}


def test_redaction_reaches_nested_diffs_and_keeps_other_values():
    diff = {
        "fields": ["title"],
        "new": {"reflection": "x", "title": "T"},
        "list": [{"private_notes": "y"}],
    }
    assert redact(diff) == {
        "fields": ["title"],
        "new": {"reflection": REDACTED, "title": "T"},
        "list": [{"private_notes": REDACTED}],
    }


def test_an_empty_private_value_says_nothing_so_it_stays():
    assert redact({"reflection": ""}) == {"reflection": ""}


def test_every_model_is_either_people_data_or_an_account_type(app):
    """A new model lands in HR's scope by default: this test makes its author decide."""
    names = {m.class_.__name__ for m in db.Model.registry.mappers} - {"AuditEvent"}
    people_data = names - ACCOUNT_TYPES - SETTINGS_TYPES
    assert names >= ACCOUNT_TYPES | SETTINGS_TYPES
    # Reviewed by hand: all of these are people data HR may audit.
    assert people_data == {
        "Contact",
        "Department",
        "DevelopmentActivity",
        "Employee",
        "EmployeeSkillLevel",
        "EvidenceBlob",
        "Goal",
        "GoalCheckIn",
        "InformationalInterview",
        "InterviewSuggestion",
        "MentoringSession",
        "NeedEvidence",
        "QuestionTopic",
        "ReportingLine",  # derived from Employee.manager_id; never audited itself
        "Review",
        "ReviewAddendum",
        "ReviewCycle",
        "ReviewObstacle",
        "ReviewQualityFlag",
        "ReviewRating",
        "ReviewTemplate",
        "RoleProfile",
        "RoleProfileSkill",
        "Skill",
        "TemplateCompetency",
        "TemplateQuestion",
        "TrainingNeed",
    }


def _types_seen_by(user) -> set[str]:
    return {e.object_type for e in db.session.scalars(visible_audit_events(user))}


def test_the_split_by_subject_type(org):
    for name in ("Review", "User", "ApiToken", "ReviewSettings", *PSEUDO_TYPES):
        record_event(None, name, "x")
    db.session.flush()
    assert _types_seen_by(org.hr) == {"Review", "ReviewSettings", *PSEUDO_TYPES}
    assert _types_seen_by(org.admin) == {"User", "ApiToken", "ReviewSettings"}
    assert _types_seen_by(org.employee) == set()
    assert _types_seen_by(None) == set()


def test_old_rows_are_redacted_on_read(db):
    event = AuditEvent(
        object_type="DevelopmentActivity",
        action="updated",
        changes={"reflection": "SECRET"},
    )
    assert event.safe_changes == {"reflection": REDACTED}
