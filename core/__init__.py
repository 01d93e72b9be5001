"""Cross-cutting infrastructure: config, extensions, base mixins, errors, permissions.

Imports no domain package (STYLE.md §1).
"""

from core import messages as _messages

_messages.install()  # before any schema is defined: fields copy messages when created
