"""Small helpers shared by the development API tests."""

from tests.conftest import bearer

MARKER = "PRIVATE-API-NOTES-3b7e"


class Caller:
    """``client`` with one user's bearer token; keeps the last ETag per URL."""

    def __init__(self, client, user):
        self.client, self.headers = client, bearer(user)

    def get(self, url, **kwargs):
        return self.client.get(url, headers=self.headers, **kwargs)

    def etag(self, url) -> str:
        return self.get(url).headers["ETag"]

    def post(self, url, json=None, *, if_match=None, **kwargs):
        headers = dict(self.headers)
        if if_match is not None:
            headers["If-Match"] = if_match
        return self.client.post(url, json=json, headers=headers, **kwargs)

    def step(self, interview_id: int, action: str, json=None):
        """An interview step with the interview's current ETag."""
        url = f"/api/v1/interviews/{interview_id}"
        return self.post(f"{url}/{action}", json, if_match=self.etag(url))

    def patch(self, url, json, *, if_match=None):
        headers = {**self.headers, "If-Match": if_match or self.etag(url)}
        return self.client.patch(url, json=json, headers=headers)
