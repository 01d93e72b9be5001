"""The SCIM request log keeps 90 days: a daily job forgets older rows (idempotent).

Pruning here rather than in the request hook keeps a DELETE off every provider request.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa

from core.extensions import db
from scim.models import ScimRequest

KEEP_LOG = timedelta(days=90)


def purge_request_log(now: datetime) -> int:
    """Delete request-log rows older than 90 days; return how many."""
    result = db.session.execute(
        sa.delete(ScimRequest).where(ScimRequest.at < now - KEEP_LOG)
    )
    db.session.flush()
    return result.rowcount or 0  # type: ignore[attr-defined]  # a DML result
