"""Statuses, their allowed transitions, and the review vocabularies."""

from core.enums import OrderedEnum
from core.enums import TitledEnum as _Titled


class CycleStatus(_Titled):
    draft = "draft"
    active = "active"
    closed = "closed"


class CyclePhase(OrderedEnum):
    """Where an active cycle stands; moved by ``reviews.advance_cycle_phases`` on its dates
    (a phase starts the day after the previous step was due)."""

    self_assessment = "self_assessment"
    manager_review = "manager_review"
    sign_off = "sign_off"
    wrap_up = "wrap_up"  # sign-off is past due: HR closes the cycle when ready


class ReviewStatus(OrderedEnum):
    not_started = "not_started"
    self_in_progress = "self_in_progress"
    self_submitted = "self_submitted"
    manager_in_progress = "manager_in_progress"
    shared = "shared"
    acknowledged = "acknowledged"
    closed = "closed"

    @property
    def is_signed(self) -> bool:
        return self in (ReviewStatus.acknowledged, ReviewStatus.closed)

    @property
    def is_shared(self) -> bool:
        return self.order >= ReviewStatus.shared.order


class PopulationKind(_Titled):
    everyone = "everyone"
    departments = "departments"
    hired_before = "hired_before"


class ObstacleCategory(_Titled):
    skills_training = "skills_training"
    tools_resources = "tools_resources"
    process = "process"
    workload = "workload"
    management_leadership = "management_leadership"
    personal_other = "personal_other"

    __titles__ = {
        "skills_training": "Skills / training",
        "tools_resources": "Tools / resources",
        "management_leadership": "Management / leadership",
        "personal_other": "Personal / other",
    }


class Priority(_Titled):
    low = "low"
    medium = "medium"
    high = "high"


class TrainingNeedStatus(_Titled):
    open = "open"
    in_progress = "in_progress"
    met = "met"
    dropped = "dropped"


class TrainingNeedSource(_Titled):
    review = "review"
    role_profile = "role_profile"
    manager = "manager"


class GoalStatus(_Titled):
    draft = "draft"
    active = "active"
    achieved = "achieved"
    missed = "missed"
    dropped = "dropped"


class MeasureType(_Titled):
    percent = "percent"
    number = "number"
    done = "done"

    __titles__ = {
        "number": "Number (start → target)",
        "done": "Done / not done",
    }


class CheckInCadence(_Titled):
    """How often a goal's owner checks in; the days between check-ins (a month is 30
    days, a quarter 91: whole days keep the due rule one comparison in SQL)."""

    weekly = "weekly"
    fortnightly = "fortnightly"
    monthly = "monthly"
    quarterly = "quarterly"

    @property
    def days(self) -> int:
        return CADENCE_DAYS[self.value]


CADENCE_DAYS = {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91}


class CheckInStatus(_Titled):
    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"


class QualityRule(_Titled):
    no_comments = "no_comments"
    identical_ratings = "identical_ratings"
    unexplained_jump = "unexplained_jump"
    too_short = "too_short"
    no_strength = "no_strength"
    no_development = "no_development"

    __titles__ = {
        "no_comments": "No comments at all",
        "identical_ratings": "Every rating identical",
        "unexplained_jump": "Rating jump of 2+ without a comment",
        "too_short": "Manager text under 30 words",
        "no_strength": "No strength named",
        "no_development": "No training need and no area to strengthen",
    }


S = ReviewStatus
REVIEW_TRANSITIONS: dict[ReviewStatus, set[ReviewStatus]] = {
    S.not_started: {
        S.self_in_progress,
        S.self_submitted,
        S.manager_in_progress,
        S.closed,
    },
    S.self_in_progress: {S.self_submitted, S.manager_in_progress, S.closed},
    S.self_submitted: {S.manager_in_progress, S.closed},
    S.manager_in_progress: {S.shared, S.closed},
    S.shared: {S.acknowledged, S.closed},
    S.acknowledged: {S.closed, S.manager_in_progress},  # reopen by HR
    S.closed: {S.manager_in_progress},  # reopen by HR
}
CYCLE_TRANSITIONS = {
    CycleStatus.draft: {CycleStatus.active},
    CycleStatus.active: {CycleStatus.closed},
    CycleStatus.closed: set(),
}

N = TrainingNeedStatus
NEED_TRANSITIONS = {
    N.open: {N.in_progress, N.dropped},
    N.in_progress: {N.met, N.dropped},
    N.met: set(),
    N.dropped: set(),
}
G = GoalStatus
GOAL_TRANSITIONS = {
    G.draft: {G.active, G.dropped},
    G.active: {G.achieved, G.missed, G.dropped},
    G.achieved: {G.active},
    G.missed: {G.active},
    G.dropped: set(),
}
