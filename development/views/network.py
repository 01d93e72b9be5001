"""The referral network of one employee's interviews: the tree below and the chain above
an interview, chain depth, and conversion rates. One query for all of them.

The depth is ``development.referrals.chain_depth`` (hops from the root, root = 0), the
same function the API's referral tree uses."""

from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa

from core.extensions import db
from development.enums import InterviewDirection, InterviewStatus
from development.models import Contact, InformationalInterview
from development.referrals import chain_depth

S = InterviewStatus
DONE = (S.completed, S.followed_up)


@dataclass
class Node:
    id: int
    name: str
    status: InterviewStatus
    parent_id: int | None
    children: list = field(default_factory=list)


@dataclass
class Network:
    above: list[Node]  # from the root of the chain down to the parent
    below: list[Node]  # this interview's referrals (each with its own children)
    depth: int  # referrals.chain_depth: 0 for an interview nobody referred
    requested_to_completed: tuple[int, int]
    thanked_within_two_days: tuple[int, int]


def network(interview: InformationalInterview) -> Network:
    iv = InformationalInterview
    rows = db.session.execute(
        sa.select(
            iv.id,
            iv.referred_by_id,
            iv.status,
            iv.direction,
            iv.requested_on,
            iv.scheduled_at,
            iv.thank_you_sent_on,
            Contact.name,
        )
        .outerjoin(Contact, Contact.id == iv.contact_id)
        .where(iv.employee_id == interview.employee_id)
        .order_by(iv.id)
    ).all()
    nodes = {
        r.id: Node(r.id, r.name or "Someone", r.status, r.referred_by_id) for r in rows
    }
    for node in nodes.values():
        if node.parent_id in nodes:
            nodes[node.parent_id].children.append(node)
    above, seen = [], {interview.id}
    parent = nodes[interview.id].parent_id if interview.id in nodes else None
    while parent in nodes and parent not in seen:
        seen.add(parent)
        above.insert(0, nodes[parent])
        parent = nodes[parent].parent_id
    conducted = [r for r in rows if r.direction is InterviewDirection.conducted]
    requested = [r for r in conducted if r.requested_on is not None]
    done = [r for r in conducted if r.status in DONE]
    quick = [
        r
        for r in done
        if r.thank_you_sent_on
        and r.scheduled_at
        and r.thank_you_sent_on - r.scheduled_at.date() <= timedelta(days=2)
    ]
    below = nodes[interview.id].children if interview.id in nodes else []
    return Network(
        above,
        below,
        chain_depth(interview.id, {r.id: r.referred_by_id for r in rows}),
        (len([r for r in requested if r.status in DONE]), len(requested)),
        (len(quick), len(done)),
    )
