"""People: the org chart (departments, employees, managers), accounts, skills and role profiles.

Everything else depends on it. Manager rights are derived from the org chart, direct and
indirect; HR and admin are flags on the account.
"""
