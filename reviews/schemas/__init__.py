"""The reviews contracts: ``forms`` (inputs of templates, cycles and the review flow, for
the pages and the API alike), ``goals`` (inputs of goals, check-ins and training needs),
``api`` and ``api_goals`` (what the API answers). Import from the module that holds a
schema; this package re-exports nothing."""
