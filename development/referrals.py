"""Referral chains: an interview that a referral at another interview created points
at it (``referred_by_id``), so one employee's interviews form trees.

Depth is defined once, here, by ``chain_depth``: the number of referral hops from the
root of the chain. The interview nobody referred is depth 0, the one a referral at it
created is depth 1, and so on. The interview page ("Chain depth") and the API's
referral tree (each node's ``depth`` and the tree's own ``depth``) both call it on the
same parent map, so they always show the same number for the same interview.

Both read the owner's interviews in one statement (a referral is always the owner's
own interview): the tree is small, and walking it in Python keeps the one definition.
"""

from collections.abc import Mapping

import sqlalchemy as sa

from core.extensions import db
from development.models import Contact, InformationalInterview

MAX_DEPTH = 50  # a corrupt loop stops here instead of walking forever


def chain_depth(interview_id: int, parents: Mapping[int, int | None]) -> int:
    """Hops from the root of ``interview_id``'s chain (root = 0), given each
    interview's ``referred_by_id``."""
    depth, seen = 0, {interview_id}
    parent = parents.get(interview_id)
    while (
        parent is not None
        and parent in parents
        and parent not in seen
        and depth < MAX_DEPTH
    ):
        depth += 1
        seen.add(parent)
        parent = parents[parent]
    return depth


def referral_tree(root: InformationalInterview) -> dict:
    """Every interview referred from ``root``, down the chain (nearest first), each
    with its ``chain_depth``; the tree's ``depth`` is the root's own."""
    iv = InformationalInterview
    rows = db.session.execute(
        sa.select(iv.id, iv.referred_by_id, iv.status, Contact.name)
        .outerjoin(Contact, Contact.id == iv.contact_id)
        .where(iv.employee_id == root.employee_id)
        .order_by(iv.id)
    ).all()
    parents = {r.id: r.referred_by_id for r in rows}
    children: dict[int, list] = {}
    for row in rows:
        children.setdefault(row.referred_by_id, []).append(row)
    below, level, seen = [], children.get(root.id, []), {root.id}
    while level:
        level = sorted((r for r in level if r.id not in seen), key=lambda r: r.id)
        seen.update(r.id for r in level)
        below.extend(level)
        level = [c for r in level for c in children.get(r.id, [])]
    own = chain_depth(root.id, parents)
    nodes = [
        {
            "id": r.id,
            "referred_by_id": r.referred_by_id,
            "status": r.status,
            "depth": chain_depth(r.id, parents),
            "contact_name": r.name or "",
        }
        for r in below
    ]
    return {
        "interview_id": root.id,
        "depth": own,
        "levels_below": max((n["depth"] for n in nodes), default=own) - own,
        "referrals": nodes,
    }
