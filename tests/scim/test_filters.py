"""scim.filters: the library's parse tree as a SQL condition, and every filter Trellis
cannot answer refused (never silently widened to everyone)."""

import pytest

from scim.filters import FilterError, parse_filter


def _sql(text: str) -> str:
    return str(parse_filter(text).compile(compile_kwargs={"literal_binds": True}))


@pytest.mark.parametrize(
    ("text", "sql"),
    [
        ('userName eq "Ann@X.org"', "lower(employees.email) = 'ann@x.org'"),
        (
            'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"',
            "lower(employees.email) = 'a'",
        ),
        ('externalId eq "X-1"', "employees.external_id = 'X-1'"),
        ("active eq true", "employees.is_active IS true"),
        ('id eq "12"', "employees.id = 12"),
        ('emails[value ew "@x.org"]', "LIKE '%' || '@x.org'"),
        ('userName co "50%"', "'%' || '50/%' || '%' ESCAPE '/'"),
    ],
)
def test_a_filter_becomes_sql(text, sql):
    assert sql in _sql(text)


def test_not_and_or_compose():
    sql = _sql('not (active eq true) and (externalId eq "a" or externalId eq "b")')
    assert sql.startswith("employees.is_active IS NOT true AND (")
    assert " OR " in sql


@pytest.mark.parametrize(
    "text",
    [
        "",
        "userName eq",
        'title eq "x"',
        'name.givenName eq "x"',
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "x"',
        "active gt true",
        "userName eq true",
        'emails[type eq "work"]',
        "x" * 1001,
    ],
)
def test_what_trellis_cannot_answer_is_refused(text):
    with pytest.raises(FilterError):
        parse_filter(text)
