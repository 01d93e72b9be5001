"""Unbound extensions; ``create_app`` binds them (Flask application-factory pattern)."""

from typing import TYPE_CHECKING

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from core.db import Base
from core.errors import TrellisApi

db = SQLAlchemy(model_class=Base)
if TYPE_CHECKING:
    # mypy cannot take a base class from an attribute (``db.Model``); to the type checker
    # the models derive from the typed declarative base they are built from at run time.
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
api = TrellisApi()
login_manager = LoginManager()
csrf = CSRFProtect()
