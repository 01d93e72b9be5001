from people.enums import SkillLevelSource
from people.models import Employee, EmployeeSkillLevel, RoleProfileSkill
from reports import training_gaps
from tests import factories as f
from tests.reports.conftest import at, build, rows_by


def _arrange(world, db):
    from datetime import date

    writing, tools = f.make_skill(name="Writing"), f.make_skill(name="Tools")
    agent = f.make_role_profile(job_title="Agent")
    rep = f.make_role_profile(job_title="Rep")
    db.session.add_all(
        [
            RoleProfileSkill(
                role_profile_id=agent.id, skill_id=writing.id, expected_level=3
            ),
            RoleProfileSkill(
                role_profile_id=agent.id, skill_id=tools.id, expected_level=2
            ),
            RoleProfileSkill(
                role_profile_id=rep.id, skill_id=writing.id, expected_level=4
            ),
        ]
    )

    def level(user, skill, value, day):
        db.session.add(
            EmployeeSkillLevel(
                employee_id=user.employee_id,
                skill_id=skill.id,
                level=value,
                assessed_at=at(day),
                source=SkillLevelSource.manager,
            )
        )

    level(world.ana, writing, 3, date(2025, 1, 1))  # superseded by the later one
    level(world.ana, writing, 1, date(2026, 1, 1))  # gap 2
    level(world.ana, tools, 2, date(2026, 1, 1))  # meets
    level(world.cara, writing, 2, date(2026, 1, 1))  # gap 1; tools not assessed
    level(world.dan, writing, 4, date(2026, 1, 1))  # meets
    db.session.commit()
    return writing, tools


def test_hr_sees_gaps_by_department_and_skill(world, db):
    _arrange(world, db)
    result = build(training_gaps, world.hr)
    rows = rows_by(result, "department", "skill")
    assert {
        k: (r["expected"], r["below"], r["not_assessed"], r["average_gap"])
        for k, r in rows.items()
    } == {
        ("Support", "Writing"): (1, 1, 0, 2.0),
        ("Support", "Tools"): (1, 0, 0, None),
        ("Support East", "Writing"): (1, 1, 0, 1.0),
        ("Support East", "Tools"): (1, 0, 1, None),
        ("Sales", "Writing"): (1, 0, 0, None),
    }
    assert result.facts[0].value == 2
    assert result.chart.kind == "heat"


def test_department_filter_includes_sub_departments_and_lists_the_people(world, db):
    writing, _ = _arrange(world, db)
    result = build(
        training_gaps, world.hr, department_id=world.support.id, skill_id=writing.id
    )
    assert {r["department"] for r in result.rows} == {"Support", "Support East"}
    people = result.tables[0].rows
    assert [(p["name"], p["gap"]) for p in people] == [
        ("Ana Agent", 2),
        ("Cara Agent", 1),
    ]


def test_manager_sees_only_their_subtree(world, db):
    _arrange(world, db)
    result = build(training_gaps, world.ben)
    assert {(r["department"], r["skill"]) for r in result.rows} == {
        ("Support East", "Writing"),
        ("Support East", "Tools"),
    }


def test_manager_filtering_outside_their_subtree_gets_nobody(world, db):
    _arrange(world, db)
    result = build(training_gaps, world.ben, department_id=world.sales.id)
    assert result.rows == []


def test_heat_map_cells_link_to_the_people(world, db):
    writing, _ = _arrange(world, db)
    result = build(training_gaps, world.hr)
    cell = next(
        c
        for c in result.chart.cells
        if c.text == "1/1" and "Support East" in c.said and "Writing" in c.said
    )
    assert cell.url == {"department_id": world.east.id, "skill_id": writing.id}


def test_the_heat_map_has_every_expected_skill_as_a_column(world, db):
    """A top-ten cut hid skills (Finance looked empty): every expected skill shows."""
    _arrange(world, db)
    agent = f.make_role_profile(job_title="Clerk")
    extra = [f.make_skill(name=f"Skill {n:02d}") for n in range(12)]
    db.session.add_all(
        RoleProfileSkill(role_profile_id=agent.id, skill_id=s.id, expected_level=2)
        for s in extra
    )
    db.session.get(Employee, world.ana.employee_id).job_title = "Clerk"
    db.session.commit()
    result = build(training_gaps, world.hr)
    columns = [label.text for label in result.chart.columns]
    assert len(columns) == len({r["skill"] for r in result.rows}) >= 12
    assert columns == sorted(columns)


def test_the_clicked_cell_is_highlighted(world, db):
    writing, _ = _arrange(world, db)
    rows = build(training_gaps, world.hr).rows
    support = next(r for r in rows if r["department"] == "Support")
    result = build(
        training_gaps,
        world.hr,
        department_id=support["department_id"],
        skill_id=writing.id,
    )
    (chosen,) = [c for c in result.chart.cells if c.is_selected]
    assert chosen.said.startswith("Support, Writing:")


def test_the_clicked_cell_heads_its_people_with_the_cell(world, db):
    writing, _ = _arrange(world, db)
    rows = build(training_gaps, world.hr).rows
    support = next(r for r in rows if r["department"] == "Support")
    result = build(
        training_gaps,
        world.hr,
        department_id=support["department_id"],
        skill_id=writing.id,
    )
    (people,) = result.tables
    assert people.title == "Support, Writing: people below the expected level"
    assert people.anchor == training_gaps.CELL_ANCHOR == "cell-people"


def _page(client, **args):
    import re

    html = client.get("/reports/training-gaps", query_string=args).text
    regions = re.findall(r'role="region" aria-label="([^"]+)"', html)
    return html, regions


def test_cell_links_jump_to_the_people_heading_even_when_nobody_is_below(
    world, db, login_as
):
    """Focus follows the fragment (static/js/focus-on-arrival.js): the heading exists
    for every cell, names it, and takes focus; the page's scroll regions are told
    apart by name (the map's and its table twin's once shared one)."""
    import re

    writing, _ = _arrange(world, db)
    client = login_as(world.hr)
    html, regions = _page(client)
    links = re.findall(r'<a href="([^"]+)" aria-label="[^"]+: \d+ of', html)
    assert links and all(link.endswith("#cell-people") for link in links)
    assert len(regions) == len(set(regions)) >= 2
    sales = next(
        r for r in build(training_gaps, world.hr).rows if r["department"] == "Sales"
    )
    assert sales["below"] == 0
    html, regions = _page(
        client, department_id=sales["department_id"], skill_id=writing.id
    )
    assert (
        '<h2 id="cell-people" tabindex="-1">Sales, Writing: people below the expected'
        " level</h2>" in html
    )
    assert "Nobody in this cell is below the expected level." in html
    assert len(regions) == len(set(regions))
