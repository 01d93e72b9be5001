"""The home page and the cross-domain panels: the one place that composes every domain
for a person, so no domain has to.

People sits below reviews and development (``core ← people ← reviews ← development``),
yet the dashboard and the person page show a person's reviews, goals and learning. Rather
than let ``people`` import upwards, ``home`` reads each domain (it may import everyone)
and hands the person page its panels through ``people.panels.PERSON_PANELS``
(``register_panels``, called once by ``app.create_app``).
"""


def register_panels() -> None:
    """Add the higher domains' person-page panels to ``people.panels`` (idempotent)."""
    from development.views.panels import person_panel
    from people.panels import PERSON_PANELS

    if person_panel not in PERSON_PANELS:
        PERSON_PANELS.append(person_panel)
