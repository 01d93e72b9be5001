"""Review input has bounds: free text up to 4,000 characters, no control characters,
ids within INTEGER — on the API and the HTML form alike."""

from reviews.models import Review
from tests.conftest import bearer
from tests.reviews.conftest import review_of

API = "/api/v1"


def _self_assessment(client, review, user, body):
    url = f"{API}/reviews/{review.id}"
    headers = bearer(user)
    headers["If-Match"] = client.get(url, headers=headers).headers["ETag"]
    return client.post(f"{url}/self-assessment", json=body, headers=headers)


def _answers(review, text):
    return [{"question_id": q.id, "answer": text} for q in review.template.questions]


def test_a_10000_character_answer_is_422_naming_answers(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    body = {"answers": _answers(review, "x" * 10_000)}
    response = _self_assessment(client, review, org.employee, body)
    assert response.status_code == 422
    assert "answers" in response.get_json()["errors"]
    assert "4000" in str(response.get_json()["errors"]["answers"])


def test_a_4000_character_answer_is_saved(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    body = {"answers": _answers(review, "x" * 4000), "achievements": "y" * 4000}
    response = _self_assessment(client, review, org.employee, body)
    assert response.status_code == 200, response.get_json()
    assert len(db.session.get(Review, review.id).achievements) == 4000


def test_a_nul_in_the_achievements_is_422_naming_it(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    body = {"achievements": "Shipped\x00it"}
    response = _self_assessment(client, review, org.employee, body)
    assert response.status_code == 422
    assert "achievements" in response.get_json()["errors"]


def test_a_competency_id_beyond_integer_is_422_naming_ratings(client, org, db, cycle):
    review = review_of(db, cycle, org.employee)
    body = {"ratings": [{"competency_id": 2**31, "rating": 3}]}
    response = _self_assessment(client, review, org.employee, body)
    assert response.status_code == 422
    assert "ratings" in response.get_json()["errors"]


def test_a_list_filter_beyond_integer_is_422_naming_it(client, org, cycle):
    response = client.get(f"{API}/reviews?cycle_id=2147483648", headers=bearer(org.hr))
    assert response.status_code == 422
    assert "cycle_id" in response.get_json()["errors"]


def test_the_html_form_shows_the_limit_and_the_error_on_the_field(
    client, org, db, cycle, login_as
):
    review = review_of(db, cycle, org.employee)
    question = review.template.questions[0]
    login_as(org.employee)
    url = f"/reviews/{review.id}/self-assessment"
    form = client.get(url)
    assert f'name="answer_{question.id}" rows="3" maxlength="4000"' in form.text
    response = client.post(
        url,
        data={
            "version": str(review.version),
            f"answer_{question.id}": "x" * 4001,
            "achievements": "Shipped\x00it",
        },
    )
    assert response.status_code == 422
    assert f'id="answer_{question.id}-error"' in response.text
    assert 'id="achievements-error"' in response.text
    assert "control characters" in response.text
