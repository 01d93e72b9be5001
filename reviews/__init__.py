"""Reviews that count: templates, cycles, reviews, goals and training needs, quality flags.

The review state machine (``reviews.enums.REVIEW_TRANSITIONS``)::

    not_started → self_in_progress → self_submitted → manager_in_progress → shared
                → acknowledged → closed

Decisions the brief left open:
- The manager may start their part once the self-assessment is submitted, or — so that an
  absent employee cannot block a cycle — once the self-assessment due date has passed
  (the self part is then recorded as skipped). Ad hoc reviews have no due date: the manager
  waits for the self-assessment or the employee's manager may start after 14 days.
- Launching a cycle reviews everyone in the population who has a manager; people without a
  manager (the CEO) are skipped and the launch result says how many.
- Goals and training needs named in the manager's part are kept on the review as a proposal
  and become ``Goal`` and ``TrainingNeed`` rows when the review is shared (the employee
  sees them at the same moment as the rest of the manager's part).
- After acknowledgement a review is permanent: only addenda are added. HR may reopen it with
  a reason; the signed content is kept in the audit event before it can change.
- Competencies are matched across reviews by name, so history and rating jumps work when a
  template is duplicated and edited for the next cycle.
"""
