import sqlalchemy as sa

from app import create_app
from core.config import TestConfig
from core.extensions import db


def test_sqlite_runs_with_wal_busy_timeout_and_foreign_keys(tmp_path):
    config = type(
        "FileConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/t.db"},
    )
    app = create_app(config)
    with app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000


def test_datetimes_come_back_timezone_aware(org, db):
    from people.models import User

    db.session.expire_all()
    user = db.session.scalar(sa.select(User).where(User.id == org.hr.id))
    assert user.created_at.tzinfo is not None


def test_default_database_is_sqlite_in_the_instance_folder(monkeypatch):
    from core.config import Config

    monkeypatch.setattr(Config, "SQLALCHEMY_DATABASE_URI", None)
    app = create_app(Config)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    assert uri.startswith("sqlite:///") and uri.endswith("instance/trellis.db")
