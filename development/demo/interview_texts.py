"""The people the demo talks to: interview chains (each link a referral of the one before),
the demo employee's other interviews, interviews given by senior people, and the notes.

Days are counted back from the day the demo is loaded (negative: still to come).
"""

from development.enums import ContactSource as Src
from development.enums import InterviewMode as Mode
from development.enums import InterviewStatus as S


def person(name, title, organisation, industry, source=Src.referral):
    first, last = name.lower().split()[0], name.lower().split()[-1]
    slug = organisation.lower().replace(" ", "")
    return {
        "name": name,
        "title": title,
        "organisation": organisation,
        "industry": industry,
        "email": f"{first}.{last}@{slug}.example",
        "profile_url": f"https://www.linkedin.com/in/{first}-{last}-example",
        "source": source,
    }


# One link: (contact, where it ends, idea, request sent, meeting) in days ago; a link
# after the first is a referral made at the meeting before it (its idea day).
# Formatter off (kept on purpose): one chain link per line reads as the table the
# comment above describes; the formatter would spread each link over several lines.
# fmt: off
DEMO_CHAIN = {
    "purpose": "to understand how senior engineers grow into staff engineering roles",
    "target_role": "Staff Engineer",
    "target_industry": "Software",
    "links": [
        ("Marta Lindgren", S.followed_up, 240, 232, 220),  # from the LinkedIn import
        (person("Tomás Ferreira", "Principal Engineer", "Helix Payments", "Fintech"),
         S.followed_up, None, 205, 190),  # became a mentorship
        (person("Naomi Achterberg", "Director of Engineering", "Brightwater Health", "Health tech"),
         S.completed, None, 40, 3),  # the thank-you is still to send
        (person("Rafael Ortiz", "Engineering Manager", "Kestrel Logistics", "Logistics"),
         S.idea, None, None, None),
    ],
}
MENTORSHIP_STARTED = 175
# A monthly mentorship: one session a month, the last LAST_SESSION_AGO days ago, each
# earlier one a month before (so they fall in four different months); the next date
# is the last one plus a month (the service computes it).
LAST_SESSION_AGO = 9
MENTORING_SESSIONS = [
    "Walked through my design doc for the event pipeline; rewrite the "
    "alternatives section before the review.",
    "Talked about sponsorship versus mentoring, and how to find a sponsor "
    "for the staff promotion case.",
    "Practised the promotion-case story; cut it to three outcomes.",
    "Reviewed my first quarter leading the platform guild; next: write the "
    "technical strategy one-pager.",
]

CHAINS = [
    ("Product Designer", {
        "purpose": "to learn what a career in user research looks like",
        "target_role": "UX Research Lead", "target_industry": "Software",
        "links": [
            (person("Ingrid Solberg", "Head of Research", "Fjord Health", "Health tech",
                    Src.professional_association), S.followed_up, 200, 190, 175),
            (person("Kwame Mensah", "Senior UX Researcher", "Atlas Travel", "Travel"),
             S.followed_up, None, 150, 130),
            (person("Elena Marchetti", "Research Operations Manager", "Civic Digital",
                    "Public sector"), S.followed_up, None, 75, 50),
            (person("Jun Park", "UX Research Lead", "Meridian Insurance", "Insurance"),
             S.idea, None, None, None),
        ],
    }),
    ("Account Executive", {
        "purpose": "to find out whether solutions engineering would suit me",
        "target_role": "Solutions Engineer", "target_industry": "B2B software",
        "links": [
            (person("Chiara Bianchi", "Solutions Engineer", "Cobalt CRM", "Software",
                    Src.conference), S.followed_up, 160, 150, 140),
            (person("Arjun Mehta", "Head of Solutions Engineering", "Verdant Energy",
                    "Energy"), S.followed_up, None, 100, 85),
            (person("Sara Holm", "Pre-sales Director", "Kite Logistics", "Logistics"),
             S.scheduled, None, 20, -8),
        ],
    }),
    ("Marketing Specialist", {
        "purpose": "to learn how product marketing differs from demand generation",
        "target_role": "Product Marketing Manager", "target_industry": "Software",
        "links": [
            (person("Beatriz Lopes", "Product Marketing Manager", "Harbor Analytics",
                    "Software", Src.workshop), S.followed_up, 150, 140, 125),
            (person("Tom Hughes", "Director of Product Marketing", "Polaris Retail",
                    "Retail"), S.followed_up, None, 90, 72),
            (person("Amara Nwosu", "VP Marketing", "Sunline Media", "Media"),
             S.declined, None, 45, None),
        ],
    }),
]

# The demo employee's other interviews: (contact, ends, idea, sent, meeting, mode).
DEMO_BOARD = [
    (person("Sofia Brenner", "Security Architect", "Castell Bank", "Banking", Src.conference),
     S.requested, 12, 4, None, Mode.video),
    ("Daniel Okoye", S.scheduled, 30, 20, -6, Mode.video),
    (person("Lena Vogel", "Head of Platform", "Orbit Mobility", "Mobility",
            Src.alumni_association), S.scheduled, 25, 15, -14, Mode.in_person),
    ("Oliver Grant", S.declined, 130, 120, None, Mode.phone),
    ("Hannah Cole", S.no_response, 70, 60, None, Mode.video),
    # Over the monthly limit (the two above are that month's): waits for approval.
    ("Priyanka Rao", S.requested, 14, 9, -21, Mode.video),
]
# The policy exception: a half-day site visit over the paid-hours cap, approved by the
# demo manager (contact, days ago it was held).
POLICY_EXCEPTION = (
    person("Ingrid Halvorsen", "Staff Engineer", "Northwind Robotics", "Robotics",
           Src.conference),
    47,
)
POLICY_EXCEPTION_LETTER = (
    "Dear Ingrid, we met at the platform engineering conference. Would you have a "
    "morning for me to see how your staff engineers work with the teams on site? "
    "This is not a job enquiry."
)
POLICY_EXCEPTION_RESEARCH = (
    "Northwind Robotics: four platform teams, a staff engineer for each two; Ingrid "
    "wrote their engineering ladder."
)
POLICY_EXCEPTION_QUESTIONS = [
    "What does a staff engineer here do that a senior engineer does not?",
    "Whom else should I talk to?",
]
POLICY_EXCEPTION_NOTES = (
    "Ingrid would mentor one person next year; ask again in the spring."
)
POLICY_EXCEPTION_TAKEAWAY = (
    "Staff engineers there own one cross-team problem a quarter; shadowing a design "
    "review showed how they write it down."
)
OTHER_CLOSED = [  # (job title, contact, ends, idea, sent)
    ("Operations Analyst", person("Pieter de Vries", "Procurement Lead", "Halden Foods",
                                  "Food", Src.chamber_of_commerce), S.no_response, 110, 100),
    ("Software Engineer", person("Lucía Romero", "Data Engineer", "Tidal Analytics",
                                 "Software", Src.cold_contact), S.declined, 60, 50),
]

# Interviews given by senior people: (job title, contact, ends, sent, meeting).
GIVEN = [
    ("Head of Engineering", person("Jamie Lee", "Computer science student", "TU Delft",
                                   "Education", Src.alumni_association), S.followed_up, 60, 50),
    ("Head of Engineering", person("Noor Al-Sayed", "Bootcamp graduate", "Le Wagon",
                                   "Education", Src.social_event), S.scheduled, 12, -5),
    ("Finance Director", person("Lukas Baumann", "Accounting graduate", "University of Vienna",
                                "Education", Src.alumni_association), S.followed_up, 50, 40),
    ("Head of People", person("Grace O'Neill", "HR coordinator", "Bramble Foods", "Food",
                              Src.professional_association), S.followed_up, 100, 90),
    ("Senior Software Engineer", person("Tariq Aziz", "Junior developer", "Loop Studio",
                                        "Software", Src.social_event), S.completed, 35, 25),
    ("Sales Director", person("Emily Carter", "Business student", "LSE", "Education",
                              Src.alumni_association), S.followed_up, 25, 15),
    ("Chief Executive Officer", person("Rahel Tesfaye", "MBA candidate", "INSEAD",
                                       "Education", Src.alumni_association), S.followed_up, 120, 110),
]
# fmt: on

SUGGESTIONS = [  # the demo manager to the demo employee: (topic, contact, fate)
    ("What a staff engineer's week looks like at a scale-up", "", "open"),
    ("How platform teams measure developer experience", "Lena Vogel", "open"),
    ("Moving from engineering into product management", "", "accepted"),
    ("Sales engineering as a next step", "", "dismissed"),
]
# The demo manager knows Lena Vogel from their alumni association (their own contact).
MANAGER_CONTACT = person(
    "Lena Vogel",
    "Head of Platform",
    "Orbit Mobility",
    "Mobility",
    Src.alumni_association,
)
TEAM_SUGGESTIONS = [  # (manager's title, topic)
    ("Engineering Manager", "Site reliability engineering as a specialism"),
    ("Sales Manager", "What customer success leadership involves"),
    ("Product Manager", "How research teams work with product at a larger company"),
]

PRIVATE_NOTES = [
    "{first} said the promotion took three attempts and hinted the band tops out "
    "below ours. Do not repeat the salary figures.",
    "{first} is unhappy with their current manager and may be leaving in spring; "
    "keep that to myself.",
    "Candid about a failed reorganisation at {organisation}; off the record.",
    "{first} mentioned an unannounced product line at {organisation}. Not to share.",
]
TAKEAWAYS = [
    "Write things down: {first} says the people who grow fastest publish short "
    "design notes and invite criticism early.",
    "A typical week is a third meetings, a third reviews and a third deep work; "
    "the deep work has to be defended in the calendar.",
    "Recommended a community of practice and two books; warned against chasing "
    "titles instead of scope.",
    "The move is easier inside a company than across; ask for a stretch project first.",
]
RESEARCH = (
    "Read {organisation}'s engineering blog and {first}'s conference talk; "
    "they moved from product engineering into {title} two years ago."
)
OWN_QUESTION = (
    "What do you wish you had known before taking on your first {title} role?"
)
GIVEN_REQUEST = (
    "{name} asked for 20 minutes to hear about my work and how people get into it."
)
GIVEN_TAKEAWAY = (
    "Talked about the role day to day and how to get a first job in the field; "
    "pointed them to two communities."
)
