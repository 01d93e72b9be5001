"""The reports, in dashboard order: slug -> module (each has SLUG, TITLE, DESCRIPTION,
FILTERS, ``build`` and, except decision evidence, ``key_figure``)."""

from reports import (
    cycle_progress,
    decision_evidence,
    learning,
    needs,
    obstacles,
    review_quality,
    training_gaps,
)

REPORTS = {
    m.SLUG: m
    for m in (
        training_gaps,
        needs,
        cycle_progress,
        review_quality,
        learning,
        obstacles,
        decision_evidence,
    )
}
AUDITED = {decision_evidence.SLUG}


def endpoint(slug: str) -> str:
    return slug.replace("-", "_")
