"""The review page's statements are built once and executed again (``reviews.views``,
``reviews.queries``, ``reviews.history``, ``development.learning_record``): viewing
another review runs the same statement objects, and each page still shows its own
review — its person, earlier reviews, ratings and flags."""

from reviews.enums import QualityRule
from reviews.models import ReviewQualityFlag
from tests.conftest import executed_statements, sign_in
from tests.reviews.conftest import walk_to_shared


def _page(client, db, review_id) -> tuple[str, list]:
    with executed_statements(db) as seen:
        response = client.get(f"/reviews/{review_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True), seen


def test_a_second_review_runs_the_same_statements_and_shows_its_own(
    db, org, cycle, client
):
    emma = walk_to_shared(db, org, cycle)
    piet = walk_to_shared(db, org, cycle, person=org.peer)
    db.session.add(ReviewQualityFlag(review_id=piet.id, rule=QualityRule.no_strength))
    db.session.commit()
    ids = emma.id, piet.id
    for viewer in (org.hr, org.manager):  # HR also reads the flags
        sign_in(client, viewer)
        _page(client, db, ids[0])  # the first view builds what it needs
        first, before = _page(client, db, ids[0])
        second, after = _page(client, db, ids[1])
        assert "Review of Emma Employee" in first
        assert "Review of Piet Peer" in second
        assert len(before) == len(after)
        rebuilt = [str(b) for a, b in zip(before, after, strict=True) if a is not b]
        # None, also the manager chain HR walks for "suggest an interview"
        # (``people.permissions.is_manager_of``, one prebuilt reporting-lines read).
        assert rebuilt == []
        if viewer is org.hr:
            title = QualityRule.no_strength.title
            assert title in second and title not in first
