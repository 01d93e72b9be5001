"""Who may see the reports: HR and managers (anyone with reports), nobody else."""

from people.permissions import is_hr_or_manager


def can_see_reports(user) -> bool:
    """HR and managers (anyone with reports) see reports; nobody else."""
    return is_hr_or_manager(user)
