"""Trellis application factory: config, extensions, blueprints, API, errors, CLI."""

from pathlib import Path

import sqlalchemy as sa
from flask import Flask, request

from core.config import Config
from core.converters import register_converters
from core.due import due_state, org_today
from core.enums import choices
from core.errors import register_error_handlers
from core.extensions import api, csrf, db, login_manager, migrate
from core.fields import limit
from core.timezones import local, local_day, local_input, zone_label

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def create_app(config=None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config or Config)
    register_converters(app)  # before any rule: path ids beyond INTEGER are a 404
    app.jinja_env.globals["limit"] = limit  # a control's maxlength = its schema's
    app.jinja_env.filters["choices"] = choices  # enum members → a select's options
    app.jinja_env.globals["due_state"] = due_state  # one "overdue" (_macros/due.html)
    app.jinja_env.globals["org_today"] = org_today
    # Times in the reader's zone (core.timezones): "{{ at | local }}", form values.
    app.jinja_env.filters["local"] = local
    app.jinja_env.filters["local_input"] = local_input
    app.jinja_env.filters["local_day"] = local_day
    app.jinja_env.globals["zone_label"] = zone_label
    app.jinja_env.globals["org_zone"] = app.config.get("SCHEDULER_TIMEZONE") or (
        "Europe/London"
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        db_path = Path(app.instance_path) / "trellis.db"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_path}"
    _tune_engine(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).with_name("migrations")))
    login_manager.init_app(app)
    login_manager.session_protection = None  # our session version does this job
    csrf.init_app(app)
    api.init_app(app)

    _register_models()
    _register_blueprints(app)
    register_error_handlers(app)
    _register_hooks(app)
    _register_cli(app)
    return app


def _tune_engine(app: Flask) -> None:
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if uri.startswith("sqlite"):
        options.pop("pool_pre_ping", None)
        options.setdefault("connect_args", {})["timeout"] = 15
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


@sa.event.listens_for(sa.engine.Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _register_models() -> None:
    import core.audit
    import core.idempotency  # noqa: F401
    import development.models  # noqa: F401
    import jobs.models  # noqa: F401
    import notifications.models  # noqa: F401
    import people.models
    import people.org_tree  # noqa: F401  (keeps the reporting lines in step)
    import reviews.models  # noqa: F401
    import scim.models  # noqa: F401


def _register_blueprints(app: Flask) -> None:
    import auth.link_views  # (invitation and reset pages, on auth's blueprint)
    import auth.oidc_views  # (company sign-in, on auth's blueprint)
    import auth.session  # (user loaders)
    import auth.two_factor_views  # noqa: F401  (two-factor pages, on auth's blueprint)
    from audit.api import blp as audit_api
    from audit.views import bp as audit_bp
    from auth.api import blp as tokens_api
    from auth.invitation_api import blp as invitations_api
    from auth.oidc_client import init_app as init_company_sign_in
    from auth.personal_token_api import blp as personal_tokens_api
    from auth.token_views import bp as account_tokens_bp
    from auth.views import bp as auth_bp
    from core.api_docs import bp as api_docs_bp
    from core.site_files import bp as site_files_bp
    from development.api import blp as development_api
    from development.views import bp as development_bp
    from home import register_panels
    from home.api import blp as home_api
    from home.views import bp as home_bp
    from jobs.views import bp as jobs_bp
    from notifications.api import blp as notifications_api
    from notifications.views import bp as notifications_bp
    from people.api import blp as people_api
    from people.views import bp as people_bp
    from reports.api import blp as reports_api
    from reports.views import bp as reports_bp
    from reviews.api import blp as reviews_api
    from reviews.views import bp as reviews_bp
    from scim.admin_views import bp as scim_admin_bp
    from scim.views import bp as scim_bp

    for bp in (auth_bp, home_bp, people_bp, reviews_bp, development_bp, api_docs_bp):
        app.register_blueprint(bp)
    app.register_blueprint(site_files_bp)  # /favicon.ico
    app.register_blueprint(account_tokens_bp)
    init_company_sign_in(app)  # the OpenID client, when configured
    register_panels()  # the person page's learning record (people never imports it)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(reports_bp)
    csrf.exempt(scim_bp)  # a SCIM bearer token only: no ambient credentials to forge
    app.register_blueprint(scim_bp)
    app.register_blueprint(scim_admin_bp)
    for blp in (
        tokens_api,
        personal_tokens_api,
        people_api,
        invitations_api,
        reviews_api,
        development_api,
        notifications_api,
        home_api,
        reports_api,
        audit_api,
    ):
        csrf.exempt(blp)  # bearer tokens only: no ambient credentials to forge
        api.register_blueprint(blp)


def _register_hooks(app: Flask) -> None:
    from auth.session import enforce_session_limits, enforce_token_scope
    from notifications import register_hooks as register_notification_hooks
    from people.queries import register_time_zone_column

    register_notification_hooks()  # the header's unread badge, loaded with the user
    register_time_zone_column()  # the reader's time zone, loaded with the user
    app.before_request(enforce_session_limits)
    app.before_request(enforce_token_scope)  # before any API blueprint's own checks

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        if app.config.get("HTTPS"):
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if request.endpoint != "static" and _authenticated():
            headers["Cache-Control"] = "no-store"
        return response


def _authenticated() -> bool:
    from flask_login import current_user

    return bool(getattr(current_user, "is_authenticated", False))


def _register_cli(app: Flask) -> None:
    from backup.cli import backup_cli
    from jobs.cli import jobs_cli
    from people.cli import demo_cli, people_cli, users_cli
    from scim.cli import scim_cli

    for group in (users_cli, people_cli, demo_cli, jobs_cli, backup_cli, scim_cli):
        app.cli.add_command(group)
    # Domains add their demo data to people.demo.load_demo (people never imports them).
    from auth.demo import register_demo_loader as register_invitations_demo
    from development.demo import register_demo_loader as register_development_demo
    from jobs.demo import register_demo_loader as register_jobs_demo
    from reviews.demo import register_demo_loader
    from scim.demo import register_demo_loader as register_provisioning_demo

    register_demo_loader()
    register_development_demo()  # after reviews: it links evidence to their needs
    register_invitations_demo()  # new joiners, invited or not: the account states
    register_provisioning_demo()  # the identity provider's SCIM token and requests
    register_jobs_demo()  # last: runs every scheduled job on the finished demo
