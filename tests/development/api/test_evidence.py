"""The evidence file through the API: multipart upload, download as an attachment."""

import hashlib
import io

import pytest
import sqlalchemy as sa

from core.extensions import db
from development.models import EvidenceBlob
from tests.conftest import sign_in
from tests.development.api.helpers import Caller

PDF = b"%PDF-1.4\n" + b"0" * 100
A = "/api/v1/activities"


@pytest.fixture
def emma(client, org):
    return Caller(client, org.employee)


@pytest.fixture
def course(emma):
    return emma.post(A, {"kind": "certification", "title": "AWS"}).get_json()


def _upload(caller, activity_id, data=PDF, name="cert.pdf", **form):
    return caller.post(
        f"{A}/{activity_id}/evidence-file",
        data={"file": (io.BytesIO(data), name), **form},
        content_type="multipart/form-data",
    )


def test_an_upload_is_served_as_an_attachment_to_the_manager(client, org, emma, course):
    response = _upload(emma, course["id"])
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["evidence_file_name"] == "cert.pdf"
    download = Caller(client, org.manager).get(f"{A}/{course['id']}/evidence-file")
    assert download.status_code == 200
    assert download.data == PDF
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.mimetype == "application/pdf"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-" + b"0" * (5 * 1024 * 1024), "big.pdf"),
        (PDF, "cert.png"),
        (PDF, "x.exe"),
    ],
)
def test_too_large_or_not_what_it_says_is_refused(emma, course, data, name):
    response = _upload(emma, course["id"], data, name)
    assert response.status_code in (413, 422)
    if response.status_code == 422:
        assert "evidence_file" in response.get_json()["errors"]
    assert emma.get(f"{A}/{course['id']}").get_json()["evidence_file_name"] == ""


def test_extra_form_fields_are_ignored_and_change_nothing(db, org, emma, course):
    """The multipart counterpart of the mass-assignment gate."""
    before = emma.get(f"{A}/{course['id']}").get_json()
    response = _upload(
        emma,
        course["id"],
        employee_id=str(org.peer.employee_id),
        status="completed",
        title="Hacked",
        verified_at="2020-01-01T00:00:00Z",
        is_private="true",
    )
    assert response.status_code == 200
    after = response.get_json()
    changed = {k for k in before if before[k] != after[k]}
    assert changed <= {"evidence_file_name", "version"}
    extra_file = emma.post(
        f"{A}/{course['id']}/evidence-file",
        data={"file": (io.BytesIO(PDF), "a.pdf"), "other": (io.BytesIO(b"x"), "b.txt")},
        content_type="multipart/form-data",
    )
    assert extra_file.status_code == 200
    assert extra_file.get_json()["evidence_file_name"] == "a.pdf"
    download = emma.get(f"{A}/{course['id']}/evidence-file")
    assert download.data == PDF


def test_a_private_activitys_file_is_the_owners_alone(client, org, emma):
    private = emma.post(
        A, {"kind": "course", "title": "Therapy", "is_private": True}
    ).get_json()
    _upload(emma, private["id"])
    assert emma.get(f"{A}/{private['id']}/evidence-file").status_code == 200
    for name in ("manager", "hr"):
        response = Caller(client, getattr(org, name)).get(
            f"{A}/{private['id']}/evidence-file"
        )
        assert response.status_code == 404


def test_only_the_owner_uploads(client, org, course):
    assert _upload(Caller(client, org.manager), course["id"]).status_code == 403
    assert _upload(Caller(client, org.peer), course["id"]).status_code == 404


def test_the_file_is_in_the_database_and_any_node_serves_it(
    app, client, org, emma, course, tmp_path, monkeypatch
):
    """Stateless web nodes: nothing is written to the instance folder, and a node with
    another (empty) instance folder serves the file from the database."""
    node_a, node_b = tmp_path / "node-a", tmp_path / "node-b"
    monkeypatch.setattr(app, "instance_path", str(node_a))
    assert _upload(emma, course["id"]).status_code == 200
    assert not (node_a / "evidence").exists()  # no code writes there any more
    blob = db.session.scalar(
        sa.select(EvidenceBlob).where(EvidenceBlob.activity_id == course["id"])
    )
    assert blob.data == PDF
    monkeypatch.setattr(app, "instance_path", str(node_b))
    download = Caller(client, org.manager).get(f"{A}/{course['id']}/evidence-file")
    assert download.status_code == 200 and download.data == PDF


def test_a_download_carries_its_checked_type_and_a_strong_etag(client, emma):
    png = b"\x89PNG\r\n\x1a\n" + b"1" * 64
    activity = emma.post(A, {"kind": "course", "title": "Design"}).get_json()
    _upload(emma, activity["id"], png, "shot.png")
    url = f"{A}/{activity['id']}/evidence-file"
    download = emma.get(url)
    assert download.mimetype == "image/png"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Disposition"] == "attachment; filename=shot.png"
    assert download.headers["ETag"] == f'"{hashlib.sha256(png).hexdigest()}"'
    again = client.get(
        url, headers={**emma.headers, "If-None-Match": download.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b""


def test_lists_of_activities_never_read_the_files(
    client, org, emma, course, count_queries
):
    _upload(emma, course["id"])
    with count_queries() as counter:
        listed = emma.get(A)
        sign_in(client, org.employee)
        page = client.get("/development")
    assert listed.status_code == 200 and page.status_code == 200
    assert "cert.pdf" in page.get_data(as_text=True)
    assert not [s for s in counter.statements if "evidence_blobs" in s]
