"""What ``/scim/v2`` says about itself (RFC 7644 §4): the service provider
configuration, the one resource type (User) and the schemas of the attributes
Trellis keeps.

The schemas are scim2-models' own User and enterprise-extension schemas cut down to
what a person has: a provider (and the conformance suite) then sends and expects back
only those. Other attributes a provider sends (emails, name parts, phone numbers…)
are accepted and not kept; ``emails.value`` may be filtered on — a person's one email
is their ``userName``.
"""

from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    EnterpriseUser,
    ETag,
    Filter,
    Meta,
    Patch,
    Required,
    ResourceType,
    Schema,
    ServiceProviderConfig,
    Sort,
    User,
)

MAX_RESULTS = 200
DEFAULT_COUNT = 100

# attribute name → the sub-attributes kept (empty: a simple attribute). A person
# always has a name and is active or not, so displayName and active are published as
# required (a payload without them is still accepted: the name then comes from
# name.formatted, givenName + familyName or userName, and a person is active).
# ``name`` is read on input but not published: it and displayName are one field here.
USER_ATTRIBUTES = {
    "userName": (),
    "displayName": (),
    "title": (),
    "active": (),
}
ALWAYS_SET = {"displayName", "active"}
ENTERPRISE_ATTRIBUTES = {
    "employeeNumber": (),
    "department": (),
    "manager": ("value", "$ref"),
}


def _cut(schema: Schema, keep: dict, location: str) -> Schema:
    attributes = []
    for attribute in schema.attributes or []:
        if attribute.name not in keep:
            continue
        if attribute.name in ALWAYS_SET:
            attribute = attribute.model_copy(update={"required": Required.true})
        if attribute.sub_attributes:
            attribute = attribute.model_copy(
                update={
                    "sub_attributes": [
                        sub
                        for sub in attribute.sub_attributes
                        if sub.name in keep[attribute.name]
                    ]
                }
            )
        attributes.append(attribute)
    return schema.model_copy(
        update={
            "attributes": attributes,
            "meta": Meta(resource_type="Schema", location=location),
        }
    )


def schemas(base_url: str) -> list[Schema]:
    """The User schema and the enterprise extension, as Trellis serves them."""
    user, enterprise = User.to_schema(), EnterpriseUser.to_schema()
    return [
        _cut(user, USER_ATTRIBUTES, f"{base_url}/Schemas/{user.id}"),
        _cut(enterprise, ENTERPRISE_ATTRIBUTES, f"{base_url}/Schemas/{enterprise.id}"),
    ]


def resource_types(base_url: str) -> list[ResourceType]:
    """Users, with the enterprise extension; no Groups."""
    user = ResourceType.from_resource(User[EnterpriseUser])
    user.meta = Meta(
        resource_type="ResourceType", location=f"{base_url}/ResourceTypes/User"
    )
    return [user]


def service_provider_config(base_url: str) -> ServiceProviderConfig:
    """PATCH and filters yes; bulk, sort, ETags and password changes no."""
    return ServiceProviderConfig(
        documentation_uri=None,
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="SCIM bearer token",
                description="A token an admin makes on /admin/sign-in "
                "(or with flask scim create-token), sent as Authorization: Bearer.",
                primary=True,
            )
        ],
        meta=Meta(
            resource_type="ServiceProviderConfig",
            location=f"{base_url}/ServiceProviderConfig",
        ),
    )
