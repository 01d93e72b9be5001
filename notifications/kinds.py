"""Notification kinds. Essential kinds cannot be turned off by the recipient."""

from core.enums import TitledEnum


class NotificationKind(TitledEnum):
    cycle_phase_started = "cycle_phase_started"
    review_due_soon = "review_due_soon"
    review_due_today = "review_due_today"
    review_overdue_owner = "review_overdue_owner"
    review_overdue_manager = "review_overdue_manager"
    review_overdue_hr = "review_overdue_hr"
    interview_thank_you = "interview_thank_you"
    interview_follow_up = "interview_follow_up"
    referral_nudge = "referral_nudge"
    interview_approval = "interview_approval"
    need_due_soon = "need_due_soon"
    need_overdue = "need_overdue"
    goal_check_in_due = "goal_check_in_due"
    certification_expiring = "certification_expiring"
    learning_lapsing = "learning_lapsing"
    mentoring_session_tomorrow = "mentoring_session_tomorrow"
    mentoring_session_overdue = "mentoring_session_overdue"
    manager_digest = "manager_digest"
    planned_review_created = "planned_review_created"
    job_unfinished = "job_unfinished"

    @property
    def essential(self) -> bool:
        return self in ESSENTIAL

    @property
    def title(self) -> str:
        return TITLES[self]


K = NotificationKind
ESSENTIAL = frozenset(
    {
        K.review_due_today,
        K.review_overdue_owner,
        K.review_overdue_manager,
        K.review_overdue_hr,
        K.interview_approval,
        K.planned_review_created,
        K.job_unfinished,
    }
)
TITLES = {
    K.cycle_phase_started: "A review cycle moved to its next phase",
    K.review_due_soon: "A review step is due soon",
    K.review_due_today: "A review step is due today",
    K.review_overdue_owner: "Your review step is overdue",
    K.review_overdue_manager: "A review in your team is overdue",
    K.review_overdue_hr: "Review steps a week overdue (one digest per run, to HR)",
    K.interview_thank_you: "Send a thank-you for your informational interview",
    K.interview_follow_up: "Follow up on an informational interview",
    K.referral_nudge: "A referral is waiting to be asked",
    K.interview_approval: "An informational interview waits for your approval",
    K.need_due_soon: "A training need is due soon",
    K.need_overdue: "A training need is overdue",
    K.goal_check_in_due: "A check-in on your goal is due",
    K.certification_expiring: "A certification is expiring",
    K.learning_lapsing: "Your learning record is lapsing",
    K.mentoring_session_tomorrow: "A mentoring session is tomorrow",
    K.mentoring_session_overdue: "A mentoring session is overdue",
    K.manager_digest: "Your weekly team digest",
    K.planned_review_created: "A planned review was created",
    K.job_unfinished: "A scheduled job did not finish twice in a row",
}
