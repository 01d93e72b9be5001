"""Authentication: login/logout, password hashing and policy, lockout, API tokens.

Session design: the Flask-Login id is ``"<user id>:<session_version>"``. Logout,
deactivation and password changes bump ``session_version`` in the database, so a cookie
copied before then no longer loads a user. The session also stores its login time and last
activity: idle for 30 minutes or older than 12 hours and it is dropped.

Every credential dies with the account's ``credential_version`` too (password change,
sign-out everywhere, disabling, leaving — not a plain sign-out): personal access tokens
(``auth.personal_tokens``) carry it instead of the session version, so an integration
outlives its owner's sign-out and nothing else.

Company sign-in (OpenID Connect): ``auth.oidc_client`` (the provider's client),
``auth.oidc`` (which account an identity signs in to), ``auth.oidc_views`` (the pages);
its sessions are started like a password sign-in's, so all of the above holds for them.

API clients authenticate with bearer tokens only (never the session cookie), so the API is
exempt from CSRF checks without being open to cross-site requests.
"""
