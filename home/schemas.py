"""The output shape of a to-do (``GET /api/v1/me/todos``)."""

from marshmallow import Schema, fields


class TodoSchema(Schema):
    """One thing the caller has to do now."""

    kind = fields.String(
        metadata={
            "description": "self_assessment, manager_part, sign_off, approval, verify, "
            "need, thank_you, follow_up, goal_target, goal_check_in, cycle_late, "
            "cycle_close or quality."
        }
    )
    title = fields.String(metadata={"description": "What to do, in words."})
    person = fields.String(
        metadata={"description": 'For whom: a person\'s name, "You" or "HR".'}
    )
    due_on = fields.Date(allow_none=True)
    is_overdue = fields.Boolean(
        metadata={"description": "Still open after its due date (the pages' rule)."}
    )
    days_overdue = fields.Integer(metadata={"description": "0 unless overdue."})
    count = fields.Integer(
        metadata={"description": "How many things the item stands for (usually 1)."}
    )
    url = fields.String(metadata={"description": "The page where it is done."})
