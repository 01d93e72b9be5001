"""SCIM 2.0 provisioning (RFC 7643/7644) at ``/scim/v2``: the company's identity
provider creates, updates and deactivates people.

A SCIM User is a person (``people.models.Employee``) with the account that may belong
to them; every change goes through ``people.services`` (the same services HR's edits
use), so the org chart's rules (no loops) and the audit trail are the same. Groups are
not served: departments come with each user (the enterprise extension's
``department``), which is all a review tool needs from groups.

Decisions the brief left open:
- DELETE deactivates the person (and so their account); reviews stay. RFC 7644 §3.6
  lets a provider keep a deleted resource as long as every later request for it answers
  404, so a deleted user is remembered (``ScimDeletion``) and hidden from SCIM; a new
  POST with the same userName brings the person back.
- SCIM creates people, not accounts: a provisioned person signs in with the company's
  OpenID provider (``TRELLIS_OIDC_CREATE=1`` makes the account at the first sign-in) or
  accepts an invitation. ``active: true`` after a deactivation brings the person back;
  a disabled account stays disabled until an admin enables it.
- ``manager.value`` names the manager's SCIM id, or else their externalId; a manager
  not provisioned yet is remembered (``ScimPendingManager``) and linked when a user with
  that externalId arrives.
- The changes are audited with the token's creator as the actor (the admin who let the
  provider in), and each request is logged (``ScimRequest``: no bodies).
"""
