"""Matrix rows for the reviews API: templates, cycles, reviews and their actions.

The placeholders name the shared "review world" of ``params.py``: Emma's review, not
started, in an active cycle whose template is locked. Hence: template and cycle edits
and a second launch answer 409; closing without a body answers 422 (reviews are
unfinished); the subject's and reviewer's empty saves succeed (the self-assessment due
date lies in the past, so the manager may start); sharing and acknowledging a review
that is not that far answer 409. Callers who may not see the review get 404.

``IF_MATCH_ACTIONS``: POST actions that need ``If-Match``; the runner sends the review's
current ETag with them, as it does for PATCH.
"""

from tests.gates.matrix import ACTORS, only

API = 401

IF_MATCH_ACTIONS = {
    "self-assessment",
    "manager-assessment",
    "share",
    "acknowledge",
    "reopen",
}


def api_everyone(status: int) -> dict:
    return {**dict.fromkeys(ACTORS, status), "anonymous": API}


def api_only(allowed, ok: int, denied: int = 403) -> dict:
    return only(allowed, ok, denied, anonymous=API)


def on_review(**statuses) -> dict:
    """Emma's review: those who may not see it get 404, the others 403 unless named."""
    row = {
        "anonymous": API,
        "peer": 404,
        "other_manager": 404,
        "admin": 404,
        "employee": 403,
        "manager": 403,
        "ceo": 403,
        "hr": 403,
    }
    row.update(statuses)
    return row


HR = ("hr",)
CYCLE_READERS = ("hr", "manager", "ceo", "other_manager")
MANAGERS = ("manager", "ceo", "other_manager")
R = "/api/v1/reviews/<int:review_id>"

ROWS = {
    ("GET", "/api/v1/templates"): api_everyone(200),
    ("POST", "/api/v1/templates"): api_only(HR, 422),
    ("GET", "/api/v1/templates/<int:template_id>"): api_everyone(200),
    ("PATCH", "/api/v1/templates/<int:template_id>"): api_only(HR, 409),
    ("POST", "/api/v1/templates/<int:template_id>/duplicate"): api_only(HR, 201),
    ("GET", "/api/v1/review-settings"): api_only(HR, 200),
    ("PATCH", "/api/v1/review-settings"): api_only(HR, 200),
    ("GET", "/api/v1/cycles"): api_only(CYCLE_READERS, 200),
    ("POST", "/api/v1/cycles"): api_only(HR, 422),
    ("GET", "/api/v1/cycles/<int:cycle_id>"): api_only(CYCLE_READERS, 200),
    ("PATCH", "/api/v1/cycles/<int:cycle_id>"): api_only(HR, 409),
    ("POST", "/api/v1/cycles/<int:cycle_id>/launch"): api_only(HR, 409),
    ("POST", "/api/v1/cycles/<int:cycle_id>/close"): api_only(HR, 422),
    ("GET", "/api/v1/reviews"): api_everyone(200),
    ("POST", "/api/v1/reviews"): api_only(MANAGERS, 422),
    ("GET", R): on_review(employee=200, manager=200, ceo=200, hr=200),
    ("GET", R + "/history"): on_review(employee=200, manager=200, ceo=200, hr=200),
    ("POST", R + "/self-assessment"): on_review(employee=200),
    ("POST", R + "/manager-assessment"): on_review(manager=200),
    ("POST", R + "/share"): on_review(manager=409),
    ("POST", R + "/acknowledge"): on_review(employee=409),
    ("POST", R + "/addenda"): on_review(employee=422, manager=422, hr=422),
    ("POST", R + "/reopen"): on_review(hr=422),
}
