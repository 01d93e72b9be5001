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
    review = "review"
    training_need = "training_need"
    manager = "manager"
    self_assessment = "self_assessment"
    import_ = "import"

    @property
    def title(self) -> str:
        return self.value.replace("_", " ").capitalize()
