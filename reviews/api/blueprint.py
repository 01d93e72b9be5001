"""The ``reviews_api`` blueprint and the review-action decorator its resources share."""

from copy import deepcopy
from functools import wraps

from flask_login import current_user

from core.api import ApiBlueprint
from core.permissions import require, require_visible
from reviews import permissions as perms
from reviews.queries import load_review

blp = ApiBlueprint(
    "reviews_api",
    __name__,
    url_prefix="/api/v1",
    description="Reviews, cycles, templates",
)


def review_action(allowed, message: str, *, if_match: bool = False):
    """Load the review and check the caller before any input is read.

    404 unless the caller may see the review; 403 unless ``allowed(user, review)``;
    then, with ``if_match``, 428/412 unless ``If-Match`` carries the current ETag. The
    view receives ``review`` instead of ``review_id``.
    """

    def decorator(func):
        @wraps(func)
        def wrapper(self, *args, review_id, **kwargs):
            review = load_review(review_id)
            require_visible(perms.can_view_review(current_user, review))
            require(allowed(current_user, review), message)
            if if_match:
                blp.require_if_match(review)
            return func(self, *args, review=review, **kwargs)

        if if_match:
            return blp.if_match(wrapper)
        wrapper._apidoc = deepcopy(getattr(func, "_apidoc", {}))
        return wrapper

    return decorator
