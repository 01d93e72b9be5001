"""The proficiency scale and where an assessed skill level came from."""

import enum


class Proficiency(enum.IntEnum):
    novice = 1
    advanced_beginner = 2
    competent = 3
    proficient = 4
    expert = 5

    @property
    def title(self) -> str:
        return self.name.replace("_", " ").capitalize()


PROFICIENCY_LABELS = {p.value: p.title for p in Proficiency}


class SkillLevelSource(enum.Enum):
    """What wrote an assessed level: a shared review's rating, a training need verified
    met, a manager, the person, or HR (loaded by HR, e.g. at go-live)."""

    review = "review"
    training_need = "training_need"
    manager = "manager"
    self_assessment = "self_assessment"
    import_ = "import"

    @property
    def title(self) -> str:
        return {
            "training_need": "Verified need",
            "self_assessment": "Self-assessment",
            "import": "HR",
        }.get(self.value, self.value.capitalize())


class LinkPurpose(enum.Enum):
    """What an emailed account link does (``people.models.AccountLink``)."""

    invitation = "invitation"
    reset = "reset"

    @property
    def title(self) -> str:
        return {"reset": "Password reset"}.get(self.value, "Invitation")


class AccountState(enum.Enum):
    """A person's account as HR sees it (``people.account_state``)."""

    none = "none"
    invited = "invited"
    expired = "expired"  # invited, the link expired unused
    active = "active"
    disabled = "disabled"

    @property
    def title(self) -> str:
        return {
            "none": "No account",
            "expired": "Invitation expired",
        }.get(self.value, self.value.capitalize())


class ApiTokenKind(enum.Enum):
    """A bearer token's kind (``people.models.ApiToken``): a session token dies with
    the session (``session_version``), a personal access token only with the account's
    credentials (``credential_version``)."""

    session = "session"
    personal = "personal"

    @property
    def title(self) -> str:
        return {"personal": "Personal access token"}.get(self.value, "Session token")


class TokenScope(enum.Enum):
    """What a bearer token may do: ``read`` is refused every unsafe method."""

    read = "read"
    write = "write"

    @property
    def title(self) -> str:
        return {"read": "Read only", "write": "Read and write"}[self.value]
