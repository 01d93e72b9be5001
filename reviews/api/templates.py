"""Review templates: everyone signed in reads them; HR creates, edits and duplicates."""

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import selectinload

from core.db import get_or_404
from core.extensions import db
from people.permissions import is_hr
from reviews import services
from reviews.api.blueprint import blp
from reviews.api_schemas import TemplateSchema
from reviews.models import ReviewTemplate
from reviews.schemas import TemplateCreateSchema, TemplateUpdateSchema

TEMPLATE_OPTIONS = (
    selectinload(ReviewTemplate.competencies),
    selectinload(ReviewTemplate.questions),
)
TEMPLATE_FIELDS = tuple(TemplateUpdateSchema().fields)


def _load(template_id) -> ReviewTemplate:
    return get_or_404(ReviewTemplate, template_id, *TEMPLATE_OPTIONS)


@blp.route("/templates")
@blp.gate(is_hr, "POST")
class TemplateList(MethodView):
    @blp.response(200, TemplateSchema(many=True))
    @blp.paginate_select()
    def get(self):
        """Review templates, by name."""
        return (
            sa.select(ReviewTemplate)
            .options(*TEMPLATE_OPTIONS)
            .order_by(ReviewTemplate.name, ReviewTemplate.id)
        )

    @blp.arguments(TemplateCreateSchema)
    @blp.response(201, TemplateSchema)
    def post(self, data):
        """Create a template: competencies, rating scale, open questions (HR)."""
        template = services.create_template(current_user, data)
        db.session.commit()
        return _load(template.id)


@blp.route("/templates/<int:template_id>")
@blp.gate(is_hr, "PATCH")
class TemplateDetail(MethodView):
    @blp.etag
    @blp.response(200, TemplateSchema)
    def get(self, template_id):
        template = _load(template_id)
        blp.set_version_etag(template)
        return template

    @blp.etag
    @blp.arguments(TemplateUpdateSchema(partial=TEMPLATE_FIELDS))
    @blp.response(200, TemplateSchema)
    def patch(self, data, template_id):
        """Change a template no cycle uses yet (HR); a locked one answers 409.

        ``competencies`` and ``questions`` replace the whole list.
        """
        template = _load(template_id)
        blp.check_version(template)
        services.update_template(current_user, template, data)
        db.session.commit()
        template = _load(template_id)
        blp.set_version_etag(template)
        return template


@blp.route("/templates/<int:template_id>/duplicate")
@blp.gate(is_hr, "POST")
class TemplateDuplicate(MethodView):
    @blp.response(201, TemplateSchema)
    def post(self, template_id):
        """Copy a template under a new name, e.g. to change a locked one (HR)."""
        copy = services.duplicate_template(current_user, _load(template_id))
        db.session.commit()
        return _load(copy.id)
