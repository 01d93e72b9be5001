"""A live Trellis on a real port, and a SCIM client that talks to it over HTTP.

The server is werkzeug's (``make_server`` in a thread, as the browser tests run it) on
a temporary SQLite file, or ``TEST_DATABASE_URL``. The client is scim2-client's
``BaseSyncSCIMClient`` on ``httpx`` (pinned in requirements-dev): scim2-client's own
network engine needs ``httpx2``, which is not installed, and its few lines are these.
"""

import os
import tempfile
import threading
from contextlib import contextmanager

import httpx
from scim2_client import BaseSyncSCIMClient
from scim2_client.errors import RequestNetworkException
from werkzeug.serving import make_server

from app import create_app
from core.config import TestConfig
from core.extensions import db
from tests.conftest import _empty_postgres


class HttpxSCIMClient(BaseSyncSCIMClient):
    """scim2-client over an ``httpx.Client`` whose base URL is the SCIM root."""

    def __init__(self, client: httpx.Client, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client

    def _stays_under_base_url(self, endpoint: str) -> bool:
        base = self.client.base_url
        url = self.client.build_request("GET", endpoint).url
        return (
            url.host == base.host
            and url.port == base.port
            and (url.raw_path.startswith(base.raw_path))
        )

    def _parse_json(self, response):
        return response.json()

    def request(self, method: str, url: str, **kwargs):
        try:
            return self.client.request(method, url, **kwargs)
        except httpx.RequestError as exc:
            raise RequestNetworkException() from exc


@contextmanager
def live_trellis():
    """Yield ``(app, base_url)`` of a Trellis served on a free port."""
    tmp = tempfile.TemporaryDirectory(prefix="trellis-scim-")

    class LiveConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = (
            os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp.name}/scim.db"
        )

    app = create_app(LiveConfig)
    with app.app_context():
        db.create_all()  # a new SQLite file; on PostgreSQL the suite's own tables
        _empty()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            _empty()  # never drop: on PostgreSQL these are the suite's tables
            db.engine.dispose()
        tmp.cleanup()


def _empty() -> None:
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            _empty_postgres(conn)
            return
        for table in reversed(db.metadata.sorted_tables):
            for fk in table.foreign_keys:
                if fk.column.table is table and fk.parent.nullable:
                    conn.execute(table.update().values({fk.parent.name: None}))
            conn.execute(table.delete())
