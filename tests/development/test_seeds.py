"""The question bank's standard topics."""

import sqlalchemy as sa

from core.extensions import db
from development.models import QuestionTopic
from development.seeds import STANDARD_TOPICS, ensure_question_bank


def _topics():
    return db.session.scalars(
        sa.select(QuestionTopic).order_by(QuestionTopic.position)
    ).all()


def test_all_standard_topics_in_order_whom_else_last(db):
    assert ensure_question_bank() == len(STANDARD_TOPICS) == 11
    topics = _topics()
    assert [t.text for t in topics] == list(STANDARD_TOPICS)
    assert all(t.is_standard and t.is_active for t in topics)
    assert topics[-1].text == "Whom else should I talk to?"
    assert topics[0].text.startswith("What is a typical day")
    assert all(t.endswith("?") for t in STANDARD_TOPICS)


def test_idempotent_and_fills_gaps(db):
    ensure_question_bank()
    assert ensure_question_bank() == 0
    db.session.delete(_topics()[3])
    db.session.add(QuestionTopic(text="How did you get started?", position=50))
    db.session.flush()
    assert ensure_question_bank() == 1
    texts = [t.text for t in _topics()]
    assert len(texts) == 12 and texts.count(STANDARD_TOPICS[3]) == 1


def test_hr_topics_go_before_the_closing_question(db, org):
    import sqlalchemy as sa

    from development.models import QuestionTopic
    from development.seeds import STANDARD_TOPICS, ensure_question_bank
    from development.services.settings import add_question_topic

    ensure_question_bank()
    add_question_topic(org.hr, "What does a first year in the role look like?")
    texts = db.session.scalars(
        sa.select(QuestionTopic.text).order_by(QuestionTopic.position)
    )
    texts = list(texts)
    assert texts[-1] == STANDARD_TOPICS[-1]
    assert texts[-2] == "What does a first year in the role look like?"
