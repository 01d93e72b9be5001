"""HTML pages of the people area: directory, person pages, departments and org charts,
skills, role profiles, (admin) accounts, a person's own time zone
(``/account/time-zone``) and HR's people import (``/people/import``).

One blueprint, ``people``, cut into modules by noun. Every handler follows the same
shape: load (404) → check permission (403, before the input is read) → validate the form
with the API's schema (422, errors inline) → service → commit → flash → redirect.
"""

from flask import Blueprint

bp = Blueprint("people", __name__)

from people.views import (  # noqa: E402, F401
    accounts,
    departments,
    imports,
    persons,
    skills,
    time_zone,
)
