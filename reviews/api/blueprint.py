"""The ``reviews_api`` blueprint and the review loader its action endpoints share."""

from core.api import ApiBlueprint
from reviews import permissions as perms
from reviews.queries import load_review

blp = ApiBlueprint(
    "reviews_api",
    __name__,
    url_prefix="/api/v1",
    description="Reviews, cycles, templates, goals, training needs",
)

review_action = blp.object_action("review", load_review, perms.can_view_review)
review_action.__doc__ = """Load the review and check the caller before any input.

404 unless the caller may see the review; 403 unless ``allowed(user, review)``;
then, with ``if_match``, 428/412 unless ``If-Match`` carries the current ETag. The
view receives ``review`` instead of ``review_id``.
"""
