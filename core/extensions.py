"""Unbound extensions; ``create_app`` binds them (Flask application-factory pattern)."""

from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from core.db import Base
from core.errors import TrellisApi

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
api = TrellisApi()
login_manager = LoginManager()
csrf = CSRFProtect()
