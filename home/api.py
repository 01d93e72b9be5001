"""``GET /api/v1/me/todos``: the caller's to-do list, as on Home (``home.todos``).

Overdue first, then by due date; paged like every list (``page``, ``page_size``). The
list is built whole (one statement) and then sliced: it is short by construction (one
item per review, need, goal or interview owed; grouped counts for verifying and for
HR's flags)."""

from flask.views import MethodView
from flask_login import current_user

from core.api import ApiBlueprint
from core.clock import local_today
from core.db import utcnow
from home.schemas import TodoSchema
from home.todos import todos_for

blp = ApiBlueprint(
    "home_api",
    __name__,
    url_prefix="/api/v1",
    description="What the caller has to do now",
    tag="To-dos",
)


@blp.route("/me/todos")
class TodoList(MethodView):
    @blp.response(200, TodoSchema(many=True))
    @blp.paginate(page_size=25, max_page_size=100)
    def get(self, pagination_parameters):
        """My to-dos: overdue first and marked, each with the page where it is done."""
        now = utcnow()
        items = todos_for(current_user, local_today(now), now)
        pagination_parameters.item_count = len(items)
        start = pagination_parameters.first_item
        return items[start : start + pagination_parameters.page_size]
