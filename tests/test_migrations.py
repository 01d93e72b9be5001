"""The migrations build exactly the schema the models describe (``flask db check``)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from app import create_app
from core.config import TestConfig
from core.extensions import db


def test_upgrade_from_empty_matches_the_models(tmp_path):
    config = type(
        "MigratedConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/migrated.db"},
    )
    app = create_app(config)
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            assert compare_metadata(context, db.metadata) == []
