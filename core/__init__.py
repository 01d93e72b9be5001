"""Cross-cutting infrastructure: config, extensions, base mixins, errors, permissions.

Imports no domain package (STYLE.md §1).
"""
