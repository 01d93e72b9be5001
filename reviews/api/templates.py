"""Review templates: everyone signed in reads them; HR creates, edits and duplicates."""

import sqlalchemy as sa
from flask.views import MethodView
from sqlalchemy.orm import selectinload

from core.permissions import signed_in
from core.queries import get_or_404
from people.permissions import is_hr
from reviews import services
from reviews.api.blueprint import blp
from reviews.models import ReviewTemplate
from reviews.schemas.api import TemplateSchema
from reviews.schemas.forms import TemplateCreateSchema, TemplateUpdateSchema

TEMPLATE_OPTIONS = (
    selectinload(ReviewTemplate.competencies),
    selectinload(ReviewTemplate.questions),
)
TEMPLATE_FIELDS = tuple(TemplateUpdateSchema().fields)


def _load(template_id) -> ReviewTemplate:
    return get_or_404(ReviewTemplate, template_id, *TEMPLATE_OPTIONS)


template_action = blp.object_action("template", _load, None)


@blp.route("/templates")
@blp.gate(is_hr, "POST")
class TemplateList(MethodView):
    @blp.listing(TemplateSchema)
    def get(self):
        """Review templates, by name."""
        return (
            sa.select(ReviewTemplate)
            .options(*TEMPLATE_OPTIONS)
            .order_by(ReviewTemplate.name, ReviewTemplate.id)
        )

    @blp.create(TemplateCreateSchema, TemplateSchema, services.create_template)
    def post(self, template):
        """Create a template: competencies, rating scale, open questions (HR)."""
        return _load(template.id)


blp.detail(
    "/templates/<int:template_id>",
    "TemplateDetail",
    template_action,
    TemplateSchema,
    (TemplateUpdateSchema(partial=TEMPLATE_FIELDS), services.update_template),
    doc="""Change a template no cycle uses yet (HR); a locked one answers 409.

        ``competencies`` and ``questions`` replace the whole list.
        """,
    reload=lambda template: _load(template.id),
    gates={"PATCH": is_hr},
)


blp.gate(is_hr, "POST")(
    blp.action(
        "/templates/<int:template_id>/duplicate",
        "TemplateDuplicate",
        template_action(signed_in),
        services.duplicate_template,
        respond=lambda template, copy: _load(copy.id),
        doc="Copy a template under a new name, e.g. to change a locked one (HR).",
        response=TemplateSchema,
        status=201,
    )
)
