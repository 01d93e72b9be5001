"""In-app notifications and email: queued once per (kind, subject, recipient, due moment)."""
