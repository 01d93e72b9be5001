"""Authentication: login/logout, password hashing and policy, lockout, API tokens.

Session design: the Flask-Login id is ``"<user id>:<session_version>"``. Logout,
deactivation and password changes bump ``session_version`` in the database, so a cookie
copied before then no longer loads a user. The session also stores its login time and last
activity: idle for 30 minutes or older than 12 hours and it is dropped.

API clients authenticate with bearer tokens only (never the session cookie), so the API is
exempt from CSRF checks without being open to cross-site requests.
"""
