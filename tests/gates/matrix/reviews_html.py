"""Matrix rows for the review pages (``reviews.views``).

Placeholders (``tests.gates.matrix.params``): ``review_id`` is Emma's review, not
started, in an active cycle (``cycle_id``) whose template (``template_id``) is therefore
locked. Peers, the other department's manager and the admin (no employee record, not
HR) may not see Emma's review: 404. Write rows carry no body, so an allowed actor sees
the validation failure (422) or, where the review's or cycle's state forbids the action
whatever the input, the state conflict (409).
"""

from tests.gates.matrix import everyone, only

HR = ("hr",)
VIEWERS = ("employee", "manager", "ceo", "hr")
HIDDEN = ("peer", "other_manager", "admin")
MANAGERS = ("manager", "ceo", "other_manager")


def review_row(**statuses) -> dict:
    """Emma's review: hidden actors 404, anonymous 302, the rest as given (default 403)."""
    row = dict.fromkeys(HIDDEN, 404)
    row["anonymous"] = 302
    for actor in VIEWERS:
        row[actor] = statuses.get(actor, 403)
    return row


ROWS = {
    # --- my reviews, my team's, ad hoc ------------------------------------------------
    ("GET", "/reviews"): everyone(200),
    ("POST", "/reviews/adhoc"): only(MANAGERS, 422),
    # --- one review -------------------------------------------------------------------
    ("GET", "/reviews/<int:review_id>"): review_row(
        employee=200, manager=200, ceo=200, hr=200
    ),
    ("GET", "/reviews/<int:review_id>/self-assessment"): review_row(employee=200),
    ("POST", "/reviews/<int:review_id>/self-assessment"): review_row(employee=422),
    ("GET", "/reviews/<int:review_id>/manager-assessment"): review_row(manager=200),
    ("POST", "/reviews/<int:review_id>/manager-assessment"): review_row(manager=422),
    # not started: nothing to share, acknowledge or add to yet
    ("POST", "/reviews/<int:review_id>/share"): review_row(manager=409),
    ("POST", "/reviews/<int:review_id>/acknowledge"): review_row(employee=409),
    ("POST", "/reviews/<int:review_id>/addenda"): review_row(
        employee=409, manager=409, ceo=409, hr=409
    ),
    ("POST", "/reviews/<int:review_id>/reopen"): review_row(),
    # --- HR: cycles, templates, quality -------------------------------------------------
    ("GET", "/reviews/cycles"): only(HR, 200),
    ("GET", "/reviews/cycles/new"): only(HR, 200),
    ("POST", "/reviews/cycles/new"): only(HR, 422),
    ("GET", "/reviews/cycles/<int:cycle_id>"): only(HR, 200),
    ("GET", "/reviews/cycles/<int:cycle_id>/edit"): only(HR, 200),  # read-only
    ("POST", "/reviews/cycles/<int:cycle_id>/edit"): only(HR, 409),
    ("POST", "/reviews/cycles/<int:cycle_id>/launch"): only(HR, 409),  # launched
    ("POST", "/reviews/cycles/<int:cycle_id>/close"): only(HR, 422),  # unfinished
    ("GET", "/reviews/templates"): only(HR, 200),
    ("GET", "/reviews/templates/new"): only(HR, 200),
    ("POST", "/reviews/templates/new"): only(HR, 422),
    ("GET", "/reviews/templates/<int:template_id>/edit"): only(HR, 200),
    ("POST", "/reviews/templates/<int:template_id>/edit"): only(HR, 409),  # locked
    ("POST", "/reviews/templates/<int:template_id>/duplicate"): only(HR, 302),
    ("GET", "/reviews/quality"): only(HR, 200),
    ("GET", "/reviews/settings"): only(HR, 200),
    ("POST", "/reviews/settings"): only(HR, 302),  # an empty form: anniversaries off
}
