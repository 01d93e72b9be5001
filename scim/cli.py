"""``flask scim create-token NAME``: a SCIM token from the command line (printed once)."""

import click
from flask.cli import AppGroup

from core.extensions import db
from scim.tokens import create_token

scim_cli = AppGroup("scim", help="SCIM provisioning.")


@scim_cli.command("create-token")
@click.argument("name")
def create_token_command(name: str) -> None:
    """Make a SCIM bearer token called NAME and print it (it is not shown again)."""
    secret, row = create_token(None, name)
    db.session.commit()
    click.echo(f"SCIM token {row.name!r} (id {row.id}), shown once:")
    click.echo(secret)
