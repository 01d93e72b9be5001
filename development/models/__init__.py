"""Development models (re-exported)."""

from development.models.activities import (
    DevelopmentActivity,
    MentoringSession,
    activity_skills,
)
from development.models.evidence import EvidenceBlob
from development.models.interviews import (
    Contact,
    DevelopmentPolicy,
    InformationalInterview,
    InterviewSuggestion,
    QuestionTopic,
)

__all__ = [
    "Contact",
    "DevelopmentActivity",
    "DevelopmentPolicy",
    "EvidenceBlob",
    "InformationalInterview",
    "InterviewSuggestion",
    "MentoringSession",
    "QuestionTopic",
    "activity_skills",
]
