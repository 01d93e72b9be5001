"""CLI: ``users create-admin``, ``people import``, ``demo load``."""

from flask.cli import AppGroup

users_cli = AppGroup("users", help="Accounts.")
people_cli = AppGroup("people", help="People and the org chart.")
demo_cli = AppGroup("demo", help="Demo data.")
