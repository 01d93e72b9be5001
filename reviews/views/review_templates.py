"""HR's review templates: list, create, edit while unused, duplicate (a template a cycle
uses is locked; its edit page says so and offers the duplicate)."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from core.errors import Conflict
from core.extensions import db
from core.forms import save_nested
from core.permissions import Role, role_required
from core.queries import get_or_404
from reviews import services
from reviews.models import ReviewCycle, ReviewTemplate, TemplateCompetency
from reviews.schemas.forms import TemplateCreateSchema, TemplateFormSchema
from reviews.views import bp
from reviews.views.common import skill_choices
from reviews.views.converters import (
    template_from_form,
    template_row_counts,
    template_values,
)


@bp.route("/templates")
@role_required(Role.hr)
def templates():
    """The review templates page (HR)."""
    rows = list(
        db.session.scalars(sa.select(ReviewTemplate).order_by(ReviewTemplate.name))
    )
    competencies = dict(
        db.session.execute(
            sa.select(TemplateCompetency.template_id, sa.func.count()).group_by(
                TemplateCompetency.template_id
            )
        ).all()
    )
    locked = set(db.session.scalars(sa.select(ReviewCycle.template_id).distinct()))
    return render_template(
        "reviews/template_list.html",
        templates=rows,
        competencies=competencies,
        locked=locked,
    )


def _form_page(status=200, *, template=None, form, errors=None, locked=False, blank=3):
    return render_template(
        "reviews/template_form.html",
        template=template,
        form=form,
        errors=errors or {},
        locked=locked,
        skills=skill_choices(),
        counts=template_row_counts(form, blank=blank),
    ), status


@bp.route("/templates/new", methods=["GET", "POST"])
@role_required(Role.hr)
def template_new():
    """Show and save the new-template form (HR)."""
    if request.method == "GET":
        return _form_page(form={})
    data, names, pre_errors = template_from_form(request.form)
    data.pop("version", None)
    template, errors, status = save_nested(
        TemplateCreateSchema(),
        data,
        names,
        pre_errors,
        lambda d: services.create_template(current_user, d),
    )
    if template is None:
        return _form_page(status, form=request.form, errors=errors, blank=0)
    db.session.commit()
    flash(f"Template {template.name} is added.", "success")
    return redirect(url_for("reviews.templates"))


def _load(template_id: int) -> ReviewTemplate:
    return get_or_404(
        ReviewTemplate,
        template_id,
        selectinload(ReviewTemplate.competencies),
        selectinload(ReviewTemplate.questions),
    )


@bp.route("/templates/<int:template_id>/edit", methods=["GET", "POST"])
@role_required(Role.hr)
def template_edit(template_id: int):
    """Show and save the edit form of a template (HR)."""
    template = _load(template_id)
    locked = services.is_locked(template)
    if request.method == "GET":
        return _form_page(
            template=template, form=template_values(template), locked=locked
        )
    if locked:
        raise Conflict(
            "This template is used by a cycle and is locked; duplicate it to change it."
        )
    data, names, pre_errors = template_from_form(request.form)
    result, errors, status = save_nested(
        TemplateFormSchema(),
        data,
        names,
        pre_errors,
        lambda d: services.update_template(current_user, template, d),
    )
    if result is None:
        return _form_page(
            status,
            template=_load(template_id),
            form=request.form,
            errors=errors,
            blank=0,
        )
    db.session.commit()
    flash(f"Template {template.name} is saved.", "success")
    return redirect(url_for("reviews.templates"))


@bp.route("/templates/<int:template_id>/duplicate", methods=["POST"])
@role_required(Role.hr)
def template_duplicate(template_id: int):
    """Copy a template as a new draft (HR)."""
    template = _load(template_id)
    copy = services.duplicate_template(current_user, template)
    db.session.commit()
    flash(f"Template {copy.name} is created from {template.name}.", "success")
    return redirect(url_for("reviews.template_edit", template_id=copy.id))
