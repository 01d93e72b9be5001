"""JSON API for templates, cycles and reviews (blueprint "reviews_api")."""

from core.api import ApiBlueprint

blp = ApiBlueprint(
    "reviews_api",
    __name__,
    url_prefix="/api/v1",
    description="Reviews, cycles, templates",
)
