"""The scheduler: a registry of domain job functions, a runner, a database lock and the CLI.

Job functions live in their domain's ``jobs.py`` (``reviews.jobs``, ``development.jobs``,
``notifications.jobs``); this package only schedules and runs them.
"""
