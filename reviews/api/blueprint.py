"""The ``reviews_api`` blueprint and the object-action decorators its resources share."""

from copy import deepcopy
from functools import wraps

from flask import request
from flask_login import current_user

from core.api import ApiBlueprint
from core.permissions import require, require_visible
from reviews import permissions as perms
from reviews.queries import load_review

blp = ApiBlueprint(
    "reviews_api",
    __name__,
    url_prefix="/api/v1",
    description="Reviews, cycles, templates, goals, training needs",
)


class With:
    """``obj`` as a schema sees it, plus values that are not its attributes
    (``rolled_progress``, a verifier's e-mail…) — never set on the model itself."""

    def __init__(self, obj, **extra):
        self._obj = obj
        self.__dict__.update(extra)

    def __getattr__(self, name):
        return getattr(self._obj, name)


def object_action(name: str, load, can_view):
    """Build a decorator factory that loads ``<name>_id`` and checks the caller first.

    The factory takes ``(allowed, message, *, if_match=False)``: 404 unless
    ``can_view(user, obj)``; 403 unless ``allowed(user, obj)``; then, with
    ``if_match``, 428/412 unless ``If-Match`` carries the object's current ETag — all
    before any input is read. The view receives ``<name>`` instead of ``<name>_id``.
    Place it above ``@blp.etag`` so a PATCH, too, answers 404/403 before 428.
    """

    def action(allowed, message: str, *, if_match: bool = False):
        def decorator(func):
            @wraps(func)
            def wrapper(self, *args, **kwargs):
                obj = load(kwargs.pop(f"{name}_id"))
                require_visible(can_view(current_user, obj))
                require(allowed(current_user, obj), message)
                if if_match:
                    blp.require_if_match(obj)
                    if request.method in ("PUT", "PATCH", "DELETE"):
                        blp.check_version(obj)  # tells smorest the ETag was checked
                return func(self, *args, **{name: obj}, **kwargs)

            if if_match:
                return blp.if_match(wrapper)
            wrapper._apidoc = deepcopy(getattr(func, "_apidoc", {}))
            return wrapper

        return decorator

    return action


review_action = object_action("review", load_review, perms.can_view_review)
review_action.__doc__ = """Load the review and check the caller before any input is read.

404 unless the caller may see the review; 403 unless ``allowed(user, review)``;
then, with ``if_match``, 428/412 unless ``If-Match`` carries the current ETag. The
view receives ``review`` instead of ``review_id``.
"""
