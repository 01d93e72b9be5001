"""Skills and role profiles (expected skill levels per job title), with HR's forms.

The role-profile form has one select per skill, named ``level_<skill_id>`` ("" = not
required); ``expectations_from_form`` turns them into the schema's
``[{skill_id, expected_level}]`` before validation, so HTML and API share one contract.
"""

from functools import partial

import sqlalchemy as sa
from flask import render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from core.extensions import db
from core.forms import load_form, render_form, save_form
from core.permissions import require
from core.queries import get_or_404
from core.views import form_view
from people import permissions as perms
from people import services
from people.enums import PROFICIENCY_LABELS
from people.models import Employee, RoleProfile, RoleProfileSkill, Skill
from people.schemas import (
    RoleProfileCreateSchema,
    RoleProfileFormSchema,
    SkillCreateSchema,
    SkillFormSchema,
)
from people.views import bp
from people.views.common import visible_people_where

LEVEL_PREFIX = "level_"


def _all_skills() -> list[Skill]:
    return list(db.session.scalars(sa.select(Skill).order_by(Skill.group, Skill.name)))


@bp.route("/skills")
@login_required
def skills():
    """The skills catalogue page."""
    return render_template(
        "people/skill_list.html",
        skills=_all_skills(),
        can_create=perms.can_edit_skill(current_user),
        can_edit=perms.can_edit_skill(current_user),
    )


def _skill_form(status=200, **context):
    return render_form("people/skill_form.html", status, **context)


def _skill_saved(verb: str):
    """The flash message and the skills page, once a skill form is saved."""
    return lambda skill: (f"Skill {skill.name} is {verb}.", url_for("people.skills"))


@bp.route("/skills/new", methods=["GET", "POST"])
@login_required
def skill_new():
    """Show and save the new-skill form (HR)."""
    require(perms.can_edit_skill(current_user))
    return form_view(
        partial(_skill_form, skill=None),
        {},
        SkillCreateSchema(),
        partial(services.create_skill, current_user),
        _skill_saved("added"),
    )


@bp.route("/skills/<int:skill_id>/edit", methods=["GET", "POST"])
@login_required
def skill_edit(skill_id: int):
    """Show and save the edit form of a skill (HR)."""
    skill = get_or_404(Skill, skill_id)
    require(perms.can_edit_skill(current_user, skill))
    values = {k: getattr(skill, k) for k in ("name", "group", "description")}
    return form_view(
        partial(_skill_form, skill=skill),  # rolled back, it reloads when read
        {**values, "version": skill.version},
        SkillFormSchema(),
        partial(services.update_skill, current_user, skill),
        _skill_saved("saved"),
    )


# --- role profiles -----------------------------------------------------------------


def _with_expectations():
    return selectinload(RoleProfile.expectations).joinedload(RoleProfileSkill.skill)


@bp.route("/role-profiles")
@login_required
def role_profiles():
    """The role profiles page with their expected skill levels."""
    profiles = list(
        db.session.scalars(
            sa.select(RoleProfile)
            .options(selectinload(RoleProfile.expectations))
            .order_by(RoleProfile.job_title)
        )
    )
    visible = perms.visible_people(current_user).subquery()
    headcounts = dict(
        db.session.execute(
            sa.select(visible.c.job_title, sa.func.count()).group_by(
                visible.c.job_title
            )
        ).all()
    )
    return render_template(
        "people/role_profile_list.html",
        profiles=profiles,
        headcounts=headcounts,
        can_create=perms.can_edit_role_profile(current_user),
    )


@bp.route("/role-profiles/<int:profile_id>")
@login_required
def role_profile_detail(profile_id: int):
    """The role profile page: its expectations and who holds it."""
    profile = get_or_404(RoleProfile, profile_id, _with_expectations())
    holders = visible_people_where(Employee.job_title == profile.job_title)
    expectations = sorted(
        profile.expectations, key=lambda e: (e.skill.group, e.skill.name)
    )
    return render_template(
        "people/role_profile_detail.html",
        profile=profile,
        expectations=expectations,
        holders=holders,
        labels=PROFICIENCY_LABELS,
        can_edit=perms.can_edit_role_profile(current_user, profile),
    )


def expectations_from_form(form) -> tuple[dict, dict]:
    """Turn ``level_<skill_id>`` fields into the schema's input; errors per field."""
    data = {k: form.get(k) for k in form if not k.startswith(LEVEL_PREFIX)}
    expectations, errors = [], {}
    for key in form:
        if not key.startswith(LEVEL_PREFIX) or form.get(key) == "":
            continue
        try:
            skill_id = int(key.removeprefix(LEVEL_PREFIX))
            level = int(form.get(key))
        except ValueError:
            errors[key] = "Choose a level from 1 to 5, or not required."
            continue
        if not 1 <= level <= 5:
            errors[key] = "Choose a level from 1 to 5, or not required."
            continue
        expectations.append({"skill_id": skill_id, "expected_level": level})
    data["expectations"] = expectations
    return data, errors


def _profile_form(status=200, **context):
    return render_form(
        "people/role_profile_form.html",
        status,
        skills=_all_skills(),
        labels=PROFICIENCY_LABELS,
        **context,
    )


def _save_profile(schema, form, action):
    """Validate level fields and the schema together so every error shows at once."""
    data, level_errors = expectations_from_form(form)
    if level_errors:
        _data, errors = load_form(schema, data)
        return None, {**errors, **level_errors}, 422
    return save_form(schema, data, action)


def _profile_saved(verb: str):
    """The flash message and the profile's page, once a role-profile form is saved."""

    def done(profile: RoleProfile) -> tuple[str, str]:
        url = url_for("people.role_profile_detail", profile_id=profile.id)
        return f"Role profile {profile.job_title} is {verb}.", url

    return done


def _profile_values(profile: RoleProfile) -> dict:
    form = {
        "job_title": profile.job_title,
        "description": profile.description,
        "version": profile.version,
    }
    for exp in profile.expectations:
        form[f"{LEVEL_PREFIX}{exp.skill_id}"] = str(exp.expected_level)
    return form


@bp.route("/role-profiles/new", methods=["GET", "POST"])
@login_required
def role_profile_new():
    """Show and save the new-role-profile form (HR)."""
    require(perms.can_edit_role_profile(current_user))
    return form_view(
        partial(_profile_form, profile=None),
        {},
        RoleProfileCreateSchema(),
        partial(services.create_role_profile, current_user),
        _profile_saved("added"),
        save=_save_profile,
    )


@bp.route("/role-profiles/<int:profile_id>/edit", methods=["GET", "POST"])
@login_required
def role_profile_edit(profile_id: int):
    """Show and save the edit form of a role profile (HR)."""
    profile = get_or_404(
        RoleProfile, profile_id, selectinload(RoleProfile.expectations)
    )
    require(perms.can_edit_role_profile(current_user, profile))
    return form_view(
        partial(_profile_form, profile=profile),  # rolled back, it reloads when read
        lambda: _profile_values(profile),
        RoleProfileFormSchema(),
        partial(services.update_role_profile, current_user, profile),
        _profile_saved("saved"),
        save=_save_profile,
    )
