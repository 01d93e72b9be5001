"""The enum base every domain uses: lowercase members with a human ``title``."""

import enum


class TitledEnum(enum.Enum):
    @property
    def title(self) -> str:
        return self.value.replace("_", " ").capitalize()
