"""Review models (re-exported)."""

from reviews.models.cycles import ReviewCycle
from reviews.models.goals import Goal
from reviews.models.quality import ReviewQualityFlag
from reviews.models.reviews import Review, ReviewAddendum, ReviewObstacle, ReviewRating
from reviews.models.templates import (
    ReviewTemplate,
    TemplateCompetency,
    TemplateQuestion,
)
from reviews.models.training_needs import TrainingNeed

__all__ = [
    "Goal",
    "Review",
    "ReviewAddendum",
    "ReviewCycle",
    "ReviewObstacle",
    "ReviewQualityFlag",
    "ReviewRating",
    "ReviewTemplate",
    "TemplateCompetency",
    "TemplateQuestion",
    "TrainingNeed",
]
