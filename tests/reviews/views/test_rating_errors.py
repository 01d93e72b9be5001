"""Issue 23 on the assessment forms: each competency is a fieldset named by its legend;
an unrated competency's error is on its own rating (naming it) and the group's message
("Rate every competency …") on the rating set, so the summary links to each; the
manager's rows are fieldsets named "Obstacle 1" …; no heading below the h1 skips a level.
"""

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from reviews import services
from tests import factories as f
from tests.conftest import sign_in
from tests.reviews.conftest import NOW, review_of, walk_to_shared
from tests.reviews.views.forms import manager_form, self_form


class _Ids(HTMLParser):
    """Every element's attributes by id, and the text inside each element with an id."""

    def __init__(self, html: str):
        super().__init__()
        self.attrs: dict[str, dict] = {}
        self.text: dict[str, str] = {}
        self.headings: list[int] = []
        self.legends: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("input", "br", "img", "meta", "link"):
            if values.get("id"):
                self.attrs[values["id"]] = values
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if values.get("id"):
            self.attrs[values["id"]] = values
            self.text[values["id"]] = ""
        self._open.append((tag, values.get("id")))
        if tag == "legend":
            self.legends.append("")

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _tag, key in self._open:
            if key:
                self.text[key] += data
        if any(t == "legend" for t, _ in self._open):
            self.legends[-1] += data


def _page(response) -> _Ids:
    return _Ids(response.get_data(as_text=True))


class Competency:
    def __init__(self, id, name):
        self.id, self.name = id, name


def _competencies(review) -> list[Competency]:
    """The template's competencies, read before a request expires the review."""
    return [Competency(c.id, c.name) for c in review.template.competencies]


@pytest.fixture
def unrated_self(db, org, cycle, client):
    """Ada's self-assessment submitted with the first two competencies unrated."""
    review = review_of(db, cycle, org.peer)
    competencies = _competencies(review)
    first, second = competencies[:2]
    sign_in(client, org.peer)
    data = self_form(
        review, action="submit", **{f"rating_{first.id}": "", f"rating_{second.id}": ""}
    )
    response = client.post(f"/reviews/{review.id}/self-assessment", data=data)
    assert response.status_code == 422
    return competencies, (first, second), _page(response)


def test_each_unrated_rating_is_invalid_with_a_message_naming_its_competency(
    unrated_self,
):
    _review, unrated, page = unrated_self
    for c in unrated:
        select = page.attrs[f"rating_{c.id}"]
        assert select["aria-invalid"] == "true"
        assert select["aria-describedby"].split() == [
            f"rating_{c.id}-error",
            "ratings-error",
        ]
        assert page.text[f"rating_{c.id}-error"].strip() == (
            f"Error: Rate {c.name} before you submit."
        )


def test_the_rating_set_is_described_by_the_group_message(unrated_self):
    _review, (first, second), page = unrated_self
    assert page.attrs["ratings"]["aria-describedby"] == "ratings-error"
    assert page.text["ratings-error"].strip() == (
        f"Error: Rate every competency before submitting: {first.name}, {second.name}"
    )


def test_a_rated_competency_stays_valid(unrated_self):
    competencies, _unrated, page = unrated_self
    rated = competencies[2]
    assert "aria-invalid" not in page.attrs[f"rating_{rated.id}"]
    assert "aria-describedby" not in page.attrs[f"rating_{rated.id}"]


def test_each_competency_is_a_fieldset_named_by_its_legend(db, org, cycle, client):
    review = review_of(db, cycle, org.peer)
    competencies = _competencies(review)
    sign_in(client, org.peer)
    page = _page(client.get(f"/reviews/{review.id}/self-assessment"))
    for c in competencies:
        assert f"competency_{c.id}" in page.attrs
    names = [c.name for c in competencies]
    assert [legend for legend in page.legends if legend in names] == names
    assert page.headings == [1]  # the legends replaced the h3s under the h1


def test_save_and_share_marks_each_unrated_rating_and_the_rating_set(
    db, org, cycle, client
):
    review = review_of(db, cycle, org.employee)
    last = _competencies(review)[-1]
    services.save_self_assessment(
        org.employee,
        review,
        {"ratings": [], "answers": [], "achievements": "", "submit": False},
    )
    db.session.commit()
    sign_in(client, org.manager)
    data = manager_form(review, action="share", **{f"rating_{last.id}": ""})
    response = client.post(f"/reviews/{review.id}/manager-assessment", data=data)
    assert response.status_code == 422
    page = _page(response)
    assert page.attrs[f"rating_{last.id}"]["aria-invalid"] == "true"
    assert page.text[f"rating_{last.id}-error"].strip() == (
        f"Error: Rate {last.name} before you share."
    )
    assert page.attrs["ratings"]["aria-describedby"] == "ratings-error"
    assert page.text["ratings-error"].strip() == (
        f"Error: Rate every competency: {last.name}"
    )


def test_the_managers_rows_are_fieldsets_named_by_their_number(db, org, cycle, client):
    review = review_of(db, cycle, org.employee)
    services.save_self_assessment(
        org.employee,
        review,
        {"ratings": [], "answers": [], "achievements": "", "submit": False},
    )
    db.session.commit()
    sign_in(client, org.manager)
    response = client.get(f"/reviews/{review.id}/manager-assessment")
    assert response.status_code == 200
    page = _page(response)
    for label in ("Obstacle", "Training need", "Goal"):
        assert [x for x in page.legends if x.startswith(label + " ")] == [
            f"{label} {n}" for n in (1, 2, 3)
        ]
    for key in ("ratings", "obstacles", "training_needs", "goals"):
        assert page.attrs[key]  # the group errors' link targets
    assert 3 not in page.headings


def test_an_api_body_without_a_competency_gets_the_group_message_alone():
    unrated = [Competency(1, "Delivery"), Competency(2, "Craft")]
    lead = "Rate every competency: "
    assert services.unrated_errors(unrated, [], lead, before="submit") == (
        "Rate every competency: Delivery, Craft"
    )
    sent = [{"competency_id": 2}, {"competency_id": 1}]
    assert services.unrated_errors(unrated, sent, lead, before="share") == {
        "_schema": "Rate every competency: Delivery, Craft",
        "1": {"rating": "Rate Delivery before you share."},
        "0": {"rating": "Rate Craft before you share."},
    }


def test_each_repeated_field_is_named_with_its_competency(db, org, cycle, client):
    review = review_of(db, cycle, org.peer)
    competencies = _competencies(review)
    sign_in(client, org.peer)
    html = client.get(f"/reviews/{review.id}/self-assessment").get_data(as_text=True)
    for c in competencies:
        for key, label in (("rating", "Rating"), ("comment", "Comment")):
            assert (
                f'<label for="{key}_{c.id}">{label}'
                f'<span class="visually-hidden"> for {c.name}</span></label>'
            ) in html


def test_a_silent_jump_marks_the_comment_it_needs(db, org, cycle, template, client):
    walk_to_shared(db, org, cycle)  # the manager rated every competency 4
    later = f.make_cycle(
        template, period_start=date(2026, 7, 1), period_end=date(2026, 12, 31)
    )
    services.launch_cycle(org.hr, later, now=NOW)
    review = review_of(db, later, org.employee)
    first = _competencies(review)[0]
    services.save_self_assessment(
        org.employee,
        review,
        {"ratings": [], "answers": [], "achievements": "", "submit": False},
    )
    db.session.commit()
    sign_in(client, org.manager)
    data = manager_form(
        review,
        action="share",
        **{f"rating_{first.id}": "2", f"comment_{first.id}": ""},
    )
    response = client.post(f"/reviews/{review.id}/manager-assessment", data=data)
    assert response.status_code == 422
    page = _page(response)
    comment = page.attrs[f"comment_{first.id}"]
    assert comment["aria-invalid"] == "true"
    assert comment["aria-describedby"].split() == [
        f"comment_{first.id}-error",
        "ratings-error",
    ]
    assert first.name in page.text[f"comment_{first.id}-error"]
    assert "moved by 2" in page.text["ratings-error"]
    assert "aria-invalid" not in page.attrs[f"rating_{first.id}"]
