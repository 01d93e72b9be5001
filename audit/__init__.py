"""The audit trail on screen: ``/admin/audit`` (page and CSV) and
``GET /api/v1/audit-events``.

The model and ``record_event`` live in ``core.audit`` (every domain writes events);
who reads which event is ``core.permissions.visible_audit_events`` (HR: people data;
admin: accounts, tokens, jobs and email; both: settings). This package only reads:
the filters, the page, the CSV and the API list, all from one query
(``audit.queries.filtered_events``). It depends on ``core`` and ``people`` (the actor's
email) only.
"""
