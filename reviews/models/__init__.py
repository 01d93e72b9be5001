"""Review models (re-exported)."""

from reviews.models.cycles import ReviewCycle
from reviews.models.goals import Goal, GoalCheckIn
from reviews.models.quality import ReviewQualityFlag
from reviews.models.reviews import Review, ReviewAddendum, ReviewObstacle, ReviewRating
from reviews.models.settings import ReviewSettings
from reviews.models.templates import (
    ReviewTemplate,
    TemplateCompetency,
    TemplateQuestion,
)
from reviews.models.training_needs import NeedEvidence, TrainingNeed

__all__ = [
    "Goal",
    "GoalCheckIn",
    "NeedEvidence",
    "Review",
    "ReviewAddendum",
    "ReviewCycle",
    "ReviewObstacle",
    "ReviewQualityFlag",
    "ReviewRating",
    "ReviewSettings",
    "ReviewTemplate",
    "TemplateCompetency",
    "TemplateQuestion",
    "TrainingNeed",
]
