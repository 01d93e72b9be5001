"""The question bank's standard topics, seeded idempotently.

"Whom else should I talk to?" always comes last: it is how interviews form chains.
"""

import sqlalchemy as sa

from core.extensions import db
from development.models import QuestionTopic

STANDARD_TOPICS = (
    "What is a typical day like in your job?",
    "What is the workplace environment like, and what are the working conditions?",
    "What training and education does your work require?",
    "What are the job prospects in this field?",
    "How would you describe the culture of your company and of the industry?",
    "What is the earnings potential in this line of work?",
    "What are the typical career paths into and out of your role?",
    "What would you recommend to someone starting out, and what would you warn them "
    "about?",
    "Which best practices would you pass on?",
    "How does your company compare with its competitors?",
    "Whom else should I talk to?",
)


def ensure_question_bank() -> int:
    """Insert the standard topics that are missing; return how many were added."""
    existing = set(db.session.scalars(sa.select(QuestionTopic.text)))
    added = 0
    for position, text in enumerate(STANDARD_TOPICS, start=1):
        if text in existing:
            continue
        db.session.add(
            QuestionTopic(
                text=text, position=position, is_standard=True, is_active=True
            )
        )
        added += 1
    if added:
        db.session.flush()
    return added
