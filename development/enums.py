"""Activity kinds and statuses, interview vocabularies and allowed transitions."""

from core.enums import TitledEnum as _Titled


class ActivityKind(_Titled):
    course = "course"
    certification = "certification"
    degree_programme = "degree_programme"
    on_the_job = "on_the_job"
    mentoring = "mentoring"
    professional_association = "professional_association"
    online_group = "online_group"
    conference_workshop = "conference_workshop"
    self_study = "self_study"
    networking_event = "networking_event"
    interview_conducted = "interview_conducted"
    interview_given = "interview_given"

    __titles__ = {
        "on_the_job": "On-the-job training",
        "online_group": "Online professional group",
        "conference_workshop": "Conference / workshop",
        "self_study": "Reading / self-study",
        # Who asks, not whether it happened: a planned interview is not "conducted".
        "interview_conducted": "Informational interview (I ask)",
        "interview_given": "Informational interview (I am asked)",
    }

    @property
    def is_interview(self) -> bool:
        return self in (ActivityKind.interview_conducted, ActivityKind.interview_given)

    @property
    def is_learning(self) -> bool:
        """Given interviews are a contribution, not learning evidence."""
        return self is not ActivityKind.interview_given


class ActivityStatus(_Titled):
    planned = "planned"
    in_progress = "in_progress"
    completed = "completed"


class Cadence(_Titled):
    """How often a mentorship meets: the next session is the last one plus a step."""

    weekly = "weekly"
    fortnightly = "fortnightly"
    monthly = "monthly"


class InterviewDirection(_Titled):
    conducted = "conducted"
    given = "given"

    # The direction, worded so it cannot be read as a state: an idea is not
    # "Conducted" (the stored values stay as they are for the API).
    __titles__ = {
        "conducted": "I ask (learning)",
        "given": "I am asked (contribution)",
    }


class InterviewMode(_Titled):
    in_person = "in_person"
    phone = "phone"
    video = "video"


class InterviewStatus(_Titled):
    idea = "idea"
    requested = "requested"
    scheduled = "scheduled"
    completed = "completed"
    followed_up = "followed_up"
    declined = "declined"
    no_response = "no_response"


class ContactSource(_Titled):
    professional_network = "professional_network"
    professional_association = "professional_association"
    chamber_of_commerce = "chamber_of_commerce"
    alumni_association = "alumni_association"
    publication = "publication"
    workshop = "workshop"
    conference = "conference"
    social_event = "social_event"
    referral = "referral"
    cold_contact = "cold_contact"
    other = "other"


class SuggestionStatus(_Titled):
    open = "open"
    accepted = "accepted"
    dismissed = "dismissed"


class KeepsLearning(_Titled):
    active = "active"
    lapsing = "lapsing"
    inactive = "inactive"


I = InterviewStatus  # noqa: E741
INTERVIEW_TRANSITIONS = {
    I.idea: {I.requested, I.declined},
    I.requested: {I.scheduled, I.declined, I.no_response},
    I.scheduled: {I.completed, I.declined},
    I.completed: {I.followed_up},
    I.followed_up: set(),
    I.declined: set(),
    I.no_response: {I.requested},
}
A = ActivityStatus
ACTIVITY_TRANSITIONS = {
    A.planned: {A.in_progress, A.completed},
    A.in_progress: {A.completed},
    A.completed: set(),
}
