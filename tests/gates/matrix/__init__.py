"""The authorization matrix, one module per area; each exports ``ROWS``.

A row: ``(method, rule) -> {actor: expected status}``. Actors are the standard cast of
``tests.conftest.Org``: anonymous, employee (the subject themself), peer, manager (direct),
ceo (indirect manager), other_manager, hr, admin. Every actor must have a status.

URL placeholders are filled by ``tests.gates.matrix.params.PARAMS`` from the org: objects
belong to ``org.employee`` wherever that makes sense, so rows read as "who may do this to
Emma's thing". Requests carry no body: for write routes the expected status of an allowed
actor is the validation failure (422) — proving the gate runs before validation.

A route in ``app.url_map`` (or an operation in the OpenAPI document) with no row fails
the suite; add rows in the module of your area, never loosen one.
"""

ACTORS = (
    "anonymous",
    "employee",
    "peer",
    "manager",
    "ceo",
    "other_manager",
    "hr",
    "admin",
)


def everyone(status: int, anonymous: int = 302, **overrides) -> dict:
    """All signed-in actors get ``status``; anonymous gets ``anonymous``."""
    row = dict.fromkeys(ACTORS, status)
    row["anonymous"] = anonymous
    row.update(overrides)
    return row


def only(allowed: tuple, ok: int, denied: int = 403, anonymous: int = 302) -> dict:
    """Actors in ``allowed`` get ``ok``, other signed-in actors ``denied``."""
    row = {actor: (ok if actor in allowed else denied) for actor in ACTORS}
    row["anonymous"] = anonymous
    return row


SUBJECT_AND_MANAGERS = ("employee", "manager", "ceo", "hr")
