"""Decision evidence: people without a review are counted apart, and the ZIP download
carries the packs (summary, every review, every need), through the safe CSV writer."""

import csv
import io
import zipfile
from datetime import date

import sqlalchemy as sa

from core.audit import AuditEvent
from reports import decision_evidence
from tests import factories as f
from tests.reports.conftest import add_need, add_review, build


def _school(world, db):
    """A department of 20 reviewed, positive teachers and a principal never reviewed."""
    school = f.make_department(name="School")
    principal = f.make_person(
        name="Pia Principal", job_title="Principal", department_id=school.id
    )
    for i in range(20):
        teacher = f.make_person(
            name=f"Teacher {i:02d}",
            job_title="Teacher",
            department_id=school.id,
            manager_id=principal.employee_id,
        )
        add_review(world, teacher, reviewer=principal, overall=4)
    db.session.commit()
    return school


def test_a_person_without_a_review_is_counted_apart_not_in_the_denominator(world, db):
    school = _school(world, db)
    result = build(decision_evidence, world.hr, department_id=school.id)
    facts = {fact.label: fact.value for fact in result.facts}
    assert facts["People"] == 21
    assert facts["Positive recent reviews"] == "20 of 20"
    assert facts["No review in the period"] == 1
    assert result.notes == [
        "1 person has no review in the period and is not counted in “Positive recent "
        "reviews”."
    ]


def test_the_page_says_20_of_20_and_names_the_unreviewed_apart(world, login_as, db):
    school = _school(world, db)
    body = (
        login_as(world.hr)
        .get(f"/reports/decision-evidence?department_id={school.id}")
        .get_data(as_text=True)
    )
    assert "20 of 20" in body and "20 of 21" not in body
    assert "1 person has no review in the period" in body


def test_the_whole_organisation_counts_the_unreviewed_apart_too(world, db):
    _school(world, db)
    result = build(decision_evidence, world.hr)  # figures counted in the database
    facts = {fact.label: fact.value for fact in result.facts}
    # The world: Ana, Cara, Dan unreviewed here; the school: 20 reviewed.
    assert facts["Positive recent reviews"] == "20 of 20"
    assert facts["No review in the period"] == facts["People"] - 20


def _arrange_pack(world, db):
    skill = f.make_skill(name='=HYPERLINK("http://evil.example")')
    review = add_review(world, world.ana, reviewer=world.mona, overall=4)
    add_need(world.ana, skill, review=review, due_on=date(2026, 3, 1))
    db.session.commit()


def _zip(client, query: str) -> dict[str, list[list[str]]]:
    response = client.get(f"/reports/decision-evidence.zip?{query}")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    return {
        name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"))))
        for name in archive.namelist()
    }


def test_the_zip_carries_the_summary_and_the_packs(world, login_as, db):
    _arrange_pack(world, db)
    files = _zip(login_as(world.hr), f"department_id={world.support.id}")
    assert list(files) == ["people.csv", "reviews.csv", "training-needs.csv"]
    people = files["people.csv"]
    assert people[0][:2] == ["Person", "Job title"]
    assert [row[0] for row in people[1:]] == [
        "Ana Agent",
        "Ben Lead",
        "Cara Agent",
        "Mona Head",
    ]
    assert files["reviews.csv"] == [
        ["Person", "Review", "Period end", "Overall rating", "Meaning"],
        ["Ana Agent", "2025 H2", "2025-12-31", "4", "Exceeds expectations"],
    ]
    assert files["training-needs.csv"] == [
        ["Person", "Skill", "Named", "Due", "What happened"],
        [
            "Ana Agent",
            '\'=HYPERLINK("http://evil.example")',  # CSV injection neutralised
            "2026-06-01",
            "2026-03-01",
            "Never acted on",
        ],
    ]


def test_without_a_group_the_zip_holds_the_summary_alone(world, login_as, db):
    _arrange_pack(world, db)
    files = _zip(login_as(world.hr), "")
    assert list(files) == ["people.csv"]
    assert len(files["people.csv"]) == 1 + 7  # the header and the seven people


def test_the_zip_is_audited_and_scoped_like_the_page(world, login_as, db):
    _arrange_pack(world, db)
    client = login_as(world.mona)
    files = _zip(client, f"department_id={world.sales.id}")  # not Mona's
    assert [row[0] for row in files["people.csv"][1:]] == []
    forbidden = client.get(
        f"/reports/decision-evidence.zip?people={world.dan.employee_id}"
    )
    assert forbidden.status_code == 403
    formats = db.session.scalars(
        sa.select(AuditEvent.changes).where(
            AuditEvent.object_type == "DecisionEvidencePack"
        )
    ).all()
    assert [c["format"] for c in formats] == ["zip"]


def test_the_page_offers_the_zip_with_a_group_only(world, login_as, db):
    _arrange_pack(world, db)
    client = login_as(world.hr)
    whole = client.get("/reports/decision-evidence").get_data(as_text=True)
    group = client.get(
        f"/reports/decision-evidence?department_id={world.support.id}"
    ).get_data(as_text=True)
    assert "decision-evidence.zip" not in whole
    assert f"decision-evidence.zip?department_id={world.support.id}" in group
