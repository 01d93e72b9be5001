"""CLI: ``users create-admin``, ``people import``, ``demo load`` / ``demo logins``."""

import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup
from tqdm import tqdm

from auth.passwords import hash_password
from auth.services import random_password
from core.audit import record_event
from core.extensions import db
from people.demo import demo_logins, load_demo
from people.importer import ImportFailed, import_people
from people.models import Employee, User

users_cli = AppGroup("users", help="Accounts.")
people_cli = AppGroup("people", help="People and the org chart.")
demo_cli = AppGroup("demo", help="Demo data.")


@users_cli.command("create-admin")
@click.argument("email")
def create_admin(email: str) -> None:
    """Create an admin account; print a one-time password to change at first login."""
    email = email.strip().lower()
    if "@" not in email:
        raise click.ClickException(f"{email!r} is not an email address.")
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise click.ClickException(f"An account for {email} exists already.")
    password = random_password()
    employee_id = db.session.scalar(
        sa.select(Employee.id).where(Employee.email == email)
    )
    user = User(
        email=email,
        employee_id=employee_id,
        password_hash=hash_password(password),
        is_admin=True,
        must_change_password=True,
    )
    db.session.add(user)
    db.session.flush()
    record_event(None, user, "admin_created")
    db.session.commit()
    click.echo(f"Admin {email} created.")
    click.echo(f"One-time password: {password}")
    click.echo("It must be changed at the first sign-in.")


@people_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--dry-run", is_flag=True, help="Check the file and report; write nothing."
)
def import_cmd(path: Path, dry_run: bool) -> None:
    """Import or update people from a CSV file (all or nothing)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise click.ClickException(f"{path} is not UTF-8 text: {err}") from None
    total = max(0, text.count("\n") - 1)
    with tqdm(total=total, unit="row", desc="Checking", file=sys.stderr) as bar:
        try:
            result = import_people(None, text, progress=bar.update, dry_run=dry_run)
        except ImportFailed as err:
            db.session.rollback()
            bar.close()
            for line, reason in err.row_errors:
                click.echo(f"line {line}: {reason}", err=True)
            raise click.ClickException(err.message) from None
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    verb = "Would import" if dry_run else "Imported"
    click.echo(
        f"{verb}: {result.created} new, {result.updated} updated, "
        f"{len(result.departments_created)} new department(s)."
    )


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when people exist already.")
def demo_load(if_empty: bool) -> None:
    """Load the demo organisation and print its logins."""
    if db.session.scalar(sa.select(sa.func.count()).select_from(Employee)):
        if if_empty:
            click.echo("The database has people already; demo data not loaded.")
            _print_logins()
            return
        raise click.ClickException("The database is not empty; demo data not loaded.")
    password = current_app.config["DEMO_PASSWORD"]
    with tqdm(desc="Demo data", unit="step", file=sys.stderr) as bar:
        load_demo(
            password, progress=lambda name: (bar.set_postfix_str(name), bar.update())
        )
    _print_logins()


@demo_cli.command("logins")
def demo_logins_cmd() -> None:
    """Print the demo logins again."""
    _print_logins()


def _print_logins() -> None:
    logins = demo_logins()
    if not logins:
        click.echo("No demo logins: the demo data is not loaded.")
        return
    click.echo("Demo logins (ROLE EMAIL):")
    for role, email in logins:
        click.echo(f"{role} {email}")
    click.echo(f"password: {current_app.config['DEMO_PASSWORD']}")
