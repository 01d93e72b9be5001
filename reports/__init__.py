"""HR reports: one module per report, each ``build(filters, actor, today) -> ReportResult``
(STYLE.md example 14), rendered as HTML (chart + table twin), CSV and JSON from the same
result; ``key_figure(filters, actor, today)`` gives the dashboard its one number.

Decisions the brief left open (also in the README, "Reports"):
- Who: HR sees the whole organisation; a manager sees the same reports for their own
  subtree (direct and indirect reports), applied in every statement on the server; every
  other caller (employees, an admin without HR rights) gets 403.
- A manager who filters on a department outside their subtree gets the intersection —
  only their own people in it, which may be nobody — never a 403 and never anyone else.
  A decision-evidence pack asked for by a list of people is different: the people are
  named objects, so one person outside the caller's scope is a 403 for the whole pack.
- Only active people are counted. Department filters include sub-departments.
- Reports run in a fixed number of statements whatever the organisation's size (people
  are scoped inside each statement by sub-selects). Where a whole organisation would
  mean thousands of rows per person, the counting is done in the database with
  GROUP BY, CASE and window functions that SQLite and PostgreSQL share (no date
  functions: months are bucketed by a CASE over boundaries computed in Python):
  learning and decision evidence use ``reports.learning_figures`` rather than building
  a ``LearningRecord`` per person, and decision evidence without a group counts reviews
  and needs per person in SQL (with a group its packs list them; a test holds both to
  the same figures).
- Large tables are rendered in Python (``reports.html``), not by a Jinja macro per
  cell. The decision-evidence *page* shows ``reports.html.PAGE_SIZE`` (500) people at
  a time — its table and, with a group, its packs (``?page=N``, a pager under the
  table); the group summary (facts and notes) counts everyone, and the CSV download
  and the API (its own ``page``/``page_size``) carry every row. A whole division fits
  on one page; printing prints the page shown. Training gaps pages its heat map and
  table twin by department the same way (``training_gaps.DEPARTMENTS_PER_PAGE``).
- ``key_figure`` is a summary statement of its own (a count or two sums), never the
  report's rows summed in Python: the dashboard runs all of them on every visit.
- A report request runs with the cyclic garbage collector paused
  (``reports.base.gc_paused``): tens of thousands of short-lived rows otherwise set off
  full collections of the whole app's heap, 0.1–0.25 s of a request on fixture L.
  Kept beside gunicorn's ``gc.freeze()`` (``core/gunicorn_conf.py``, issue 17): with
  the app frozen, the full collections a report sets off still walk the report's own
  rows — 36–51 ms of a decision-evidence request on L, 5 % more CPU over HR's 21
  report pages (9 % on decision evidence) than with the pause.
"""
