"""Development: learning activities as evidence, informational interviews, contacts, the
question bank, manager suggestions, the interview policy and the learning record.

Depends on ``people`` and ``reviews`` (activities are evidence for training needs), never
the reverse.

Decisions the brief left open:
- Private interview notes live only on ``InformationalInterview.private_notes``; services
  never copy them into audit diffs (``AUDIT_EXCLUDED``), and only the owner's schema and
  pages carry them.
- A private activity hides its reflection and evidence from everyone but the owner; its
  existence, kind, dates and hours still count in the learning record.
- An informational interview is a ``DevelopmentActivity`` (kind interview conducted or
  given) with a one-to-one ``InformationalInterview`` record for its steps.
- Given interviews count as a contribution, not as learning evidence: they cannot be
  linked to training needs and do not make a month "with evidence".
- One fact, one verification: the manager who verifies an activity says in the same
  step whether the needs it is evidence for are met (``services.verification``).
- Over the monthly limit an interview keeps the schedule its owner proposed while it
  waits; the manager's approval schedules it as proposed.
- The paid-hours cap counts the planned durations of a person's conducted informational
  interviews in the month (no other activity); beyond it an interview waits for the
  manager like one over the count. "May leave the premises" off refuses an interview
  away from the premises (422 on ``off_premises``). See ``interview_policy``.
"""
