"""Referral chain depth: one definition (hops from the root, root = 0), and the
interview page and the API's referral tree agree on it."""

import re

import pytest

from core.extensions import db
from development.models import Contact
from development.referrals import MAX_DEPTH, chain_depth
from development.services import interviews as svc
from tests.conftest import sign_in
from tests.development.api.helpers import Caller


@pytest.mark.parametrize(
    "interview_id, expected",
    [(1, 0), (2, 1), (3, 2), (4, 1), (9, 0)],
)
def test_depth_counts_hops_from_the_root(interview_id, expected):
    parents = {1: None, 2: 1, 3: 2, 4: 1}  # 9: not in the map at all
    assert chain_depth(interview_id, parents) == expected


def test_a_parent_outside_the_map_ends_the_chain():
    assert chain_depth(2, {2: 7}) == 0  # 7 was deleted (or is not the owner's)


def test_a_loop_stops_instead_of_walking_forever():
    assert chain_depth(1, {1: 2, 2: 1}) == 1
    long = {i: i - 1 for i in range(1, 200)} | {0: None}
    assert chain_depth(199, long) == MAX_DEPTH


def _chain(org, names=("Ann Root", "Bo Middle", "Cy Leaf")) -> list:
    """Three interviews, each referred by the one before (as ``add_referral`` does)."""
    made, previous = [], None
    for name in names:
        contact = Contact(owner_id=org.employee.employee_id, name=name)
        db.session.add(contact)
        db.session.flush()
        previous = svc.create_interview(
            org.employee, {"contact_id": contact.id}, referred_by=previous
        )
        made.append(previous)
    db.session.commit()
    return made


def _page_depth(client, org, interview_id) -> int:
    sign_in(client, org.employee)
    html = client.get(f"/development/interviews/{interview_id}").get_data(as_text=True)
    return int(re.search(r"Chain depth: <strong>(\d+)</strong>", html).group(1))


def test_the_page_and_the_api_agree_on_a_three_interview_chain(client, org):
    root, middle, leaf = _chain(org)
    api = Caller(client, org.employee)
    trees = {
        iv.id: api.get(f"/api/v1/interviews/{iv.id}/referrals").get_json()
        for iv in (root, middle, leaf)
    }
    for interview, depth in ((root, 0), (middle, 1), (leaf, 2)):
        assert _page_depth(client, org, interview.id) == depth
        assert trees[interview.id]["depth"] == depth
    below_root = {n["id"]: n["depth"] for n in trees[root.id]["referrals"]}
    assert below_root == {middle.id: 1, leaf.id: 2}
    assert [n["depth"] for n in trees[middle.id]["referrals"]] == [2]
    assert [t["levels_below"] for t in trees.values()] == [2, 1, 0]


def test_the_page_explains_the_depth(client, org):
    root, _, leaf = _chain(org)
    sign_in(client, org.employee)
    page = client.get(f"/development/interviews/{root.id}").get_data(as_text=True)
    assert "(this interview started its chain)" in page
    page = client.get(f"/development/interviews/{leaf.id}").get_data(as_text=True)
    assert "(2 referrals from the interview that started the chain)" in page
