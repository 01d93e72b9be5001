"""``VALID_BODIES`` of the mass-assignment gate for the notifications API (merged into
``tests.gates.test_mass_assignment``). Marking read takes no body: nothing to inject."""

VALID_BODIES = {
    ("PUT", "/api/v1/notification-preferences"): (
        "employee",
        lambda org: {"disabled": ["manager_digest", "learning_lapsing"]},
    ),
}
