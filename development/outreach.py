"""The outreach letter: the short written request for an informational interview.

``write_letter`` is a pure function of a small dataclass (``LetterFacts``), so a table
of profiles tests it without a database; ``draft_outreach`` gathers the facts (the
sender's profile, the contact, the referrer: two reads, no writes) for the page and the
API. The person edits the draft before sending it: the edited text is what
``services.interviews.request_interview`` stores.

Decisions the brief left open:
- The greeting uses the contact's full name ("Dear Amara Okafor,"): contacts have no
  honorific, and a guessed "Ms"/"Mr" is worse than none. Without a contact: "Hello,".
- The purpose becomes a clause after "I am reaching out": "to …" stays, a first-person
  sentence follows "because", a "how/what/whether …" clause follows "to learn" (a
  direct question, "How do you …?", follows "with a question:"), a bare verb ("learn
  about …") gets "to", and a gerund or noun phrase ("Moving into …", "A move into
  HR") follows "because I am interested in". Trailing punctuation goes; a
  leading capital is lower-cased only for a common word (a verb, a gerund, a
  determiner …) — "I", acronyms, mixed case ("McKinsey") and any other capitalised
  word are kept as probable proper nouns ("Python").
- A referred contact is told who referred them; otherwise how the contact was found
  (their ``ContactSource``) is said in one sentence, or nothing for a cold contact.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from core.extensions import db
from development.enums import ContactSource, InterviewMode
from development.models import Contact, InformationalInterview
from people.models import Department, Employee

MINUTES = 20
I_FORMS = {"i", "i'm", "i’m", "i'd", "i’d", "i've", "i’ve", "i'll", "i’ll"}
WH_WORDS = {"how", "what", "whether", "why", "which", "where", "when", "who", "if"}
BARE_VERBS = {
    "learn", "understand", "find", "explore", "discuss", "hear", "ask", "get", "know",
    "see", "talk", "gain", "build", "prepare", "decide", "compare", "seek", "check",
    "meet", "plan", "figure", "test", "review", "improve", "develop", "move", "switch",
    "change", "make", "become", "grow",
}  # fmt: skip
NOUN_STARTERS = {
    "a", "an", "the", "some", "more", "any", "this", "that", "career", "careers",
    "product", "data", "advice", "guidance", "insight", "insights", "information",
    "help", "opportunities", "work", "life", "management", "engineering", "design",
    "research", "marketing", "sales", "finance", "teaching", "nursing", "people",
    "leadership", "transition", "transitions", "change", "move", "switch", "roles",
    "role", "my", "our", "we", "to", "for", "about", "because", "since", "so", "in",
    "on", "into", "from", "with", "as",
}  # fmt: skip
AUXILIARIES = {
    "do", "does", "did", "is", "are", "was", "were", "can", "could", "should",
    "would", "will", "have", "has", "might", "may",
}  # fmt: skip
COMMON = NOUN_STARTERS | BARE_VERBS | WH_WORDS | AUXILIARIES
LEADS = ("i am writing ", "i'm writing ", "i am reaching out ", "i'm reaching out ")
SOURCES = {
    ContactSource.professional_network: "I found your name through my professional "
    "network.",
    ContactSource.professional_association: "I found your name through our "
    "professional association.",
    ContactSource.chamber_of_commerce: "I found your name through the chamber of "
    "commerce.",
    ContactSource.alumni_association: "I found your name through our alumni "
    "association.",
    ContactSource.publication: "I came across your work in a publication.",
    ContactSource.workshop: "I found your name through a workshop I attended.",
    ContactSource.conference: "I found your name through a conference I attended.",
    ContactSource.social_event: "We met at a social event.",
    ContactSource.referral: "You were recommended to me as someone to talk to.",
}
MODES = {
    InterviewMode.video: "a short video call",
    InterviewMode.phone: "a short phone call",
    InterviewMode.in_person: "a short conversation in person",
}
UNITS = ("department", "team", "office", "division", "unit", "group")


@dataclass(frozen=True)
class LetterFacts:
    """What the letter is built from; every field but the sender's name may be empty."""

    sender_name: str
    sender_email: str = ""
    sender_role: str = ""
    sender_department: str = ""
    contact_name: str = ""
    contact_title: str = ""
    contact_organisation: str = ""
    how_found: ContactSource | None = None
    referrer_name: str = ""
    target_role: str = ""
    purpose: str = ""
    mode: InterviewMode = InterviewMode.video


def _tidy(text: str | None) -> str:
    return " ".join((text or "").split())


def article(noun: str) -> str:
    """ "a" or "an" for a job title, by its sound ("an HR Advisor", "a UX Lead")."""
    first = noun.split()[0] if noun.split() else ""
    low = first.lower()
    if len(first) > 1 and first.isupper():  # an acronym, read letter by letter
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    if low.startswith(("uni", "use", "usu", "uti", "euro", "one", "ux")):
        return "a"
    if low.startswith(("hour", "honest", "honou", "heir")):
        return "an"
    return "an" if low[:1] in set("aeiou") else "a"


def _lower_first(text: str) -> str:
    """Lower-case the leading capital of a common word; keep "I" and proper nouns."""
    first = text.split()[0]
    low = first.lower()
    if low in I_FORMS or (len(first) > 1 and first.isupper()):
        return text
    if any(c.isupper() for c in first[1:]):  # McKinsey, iOS, LinkedIn
        return text
    common = low in COMMON or (low.endswith("ing") and len(low) > 4)
    return first[:1].lower() + text[1:] if common else text


def purpose_clause(purpose: str) -> str:
    """The purpose as what follows "I am reaching out" ("" when there is none)."""
    asked = _tidy(purpose).rstrip(".!…;:, ").endswith("?")
    text = _tidy(purpose).rstrip(".!?…;:, ")
    for lead in LEADS:
        if text.lower().startswith(lead):
            text = text[len(lead) :].strip()
    if not text:
        return ""
    text = _lower_first(text)
    words = text.lower().split()
    low = words[0]
    if asked or (low in WH_WORDS and len(words) > 1 and words[1] in AUXILIARIES):
        return f"with a question: {text}?"  # a direct question stays one
    if low in ("to", "because", "since", "for", "about"):
        return text
    if low in I_FORMS or low in ("my", "our", "we"):
        return f"because {text}"
    if low in WH_WORDS:
        return f"to learn {text}"
    if low in BARE_VERBS and not low.endswith("ing"):
        return f"to {text}"
    if low in ("advice", "guidance", "insight", "insights", "help"):
        return f"for {text}"
    return f"because I am interested in {text}"


def _introduction(f: LetterFacts) -> str:
    name, role = _tidy(f.sender_name), _tidy(f.sender_role)
    unit = _tidy(f.sender_department)
    where = ""
    if unit:
        known = unit.lower().endswith(UNITS)
        where = f"the {unit}" if known else f"the {unit} department"
    if role and where:
        return f"My name is {name}, and I am {article(role)} {role} in {where}."
    if role:
        return f"My name is {name}, and I am {article(role)} {role}."
    if where:
        return f"My name is {name}, and I work in {where}."
    return f"My name is {name}."


def _connection(f: LetterFacts) -> str:
    referrer = _tidy(f.referrer_name)
    if referrer and referrer != _tidy(f.contact_name):
        return f"{referrer} suggested I contact you."
    return SOURCES.get(f.how_found, "") if f.how_found else ""


def _purpose(f: LetterFacts) -> str:
    clause = purpose_clause(f.purpose)
    target = _tidy(f.target_role)
    if not clause:
        clause = (
            f"to learn what the work of {article(target)} {target} involves"
            if target
            else "to learn about your work and how you got there"
        )
    return f"I am reaching out {clause}" + ("" if clause.endswith("?") else ".")


def _experience(f: LetterFacts) -> str:
    title, org = _tidy(f.contact_title), _tidy(f.contact_organisation)
    target = _tidy(f.target_role)
    subject = "your field"
    if target:
        same = target.lower() == title.lower()
        subject = "the role" if same else f"the {target} role"
    tell = f"you could tell me a great deal about {subject}."
    if title and org:
        return f"As {title} at {org}, {tell}"
    if title:
        return f"As {title}, {tell}"
    if org:
        return f"With your experience at {org}, {tell}"
    if target:
        return f"I would value your view on {subject}."
    return ""


def write_letter(f: LetterFacts) -> str:
    """The request, paragraph by paragraph: who I am and how I found you, why I write
    and why you, the 20-minute ask in its mode, not a job enquiry, thanks."""
    contact = _tidy(f.contact_name)
    greeting = f"Dear {contact}," if contact else "Hello,"
    first = " ".join(s for s in (_introduction(f), _connection(f)) if s)
    second = " ".join(s for s in (_purpose(f), _experience(f)) if s)
    ask = (
        f"Would you have {MINUTES} minutes for {MODES[f.mode]} in the coming weeks? "
        "I would come prepared with a few questions and can fit around your schedule. "
        "This is not a job enquiry: I am only hoping to learn from your experience."
    )
    email = _tidy(f.sender_email)
    thanks = "Thank you for considering it." + (
        f" You can reach me at {email}." if email else ""
    )
    return "\n\n".join(
        [greeting, first, second, ask, thanks, f"Kind regards,\n{_tidy(f.sender_name)}"]
    )


def draft_outreach(
    employee: Employee, interview: InformationalInterview, contact: Contact | None
) -> str:
    """Draft the request for ``interview``; its referrer is the contact of the
    interview that referred it."""
    department = (
        db.session.get(Department, employee.department_id)
        if employee.department_id
        else None
    )
    referrer = None
    if interview.referred_by_id is not None:
        iv = InformationalInterview
        referrer = db.session.scalar(
            sa.select(Contact.name)
            .join(iv, iv.contact_id == Contact.id)
            .where(iv.id == interview.referred_by_id)
        )
    return write_letter(
        LetterFacts(
            sender_name=employee.name,
            sender_email=employee.email,
            sender_role=employee.job_title or "",
            sender_department=department.name if department else "",
            contact_name=contact.name if contact else "",
            contact_title=contact.title if contact else "",
            contact_organisation=contact.organisation if contact else "",
            how_found=contact.source if contact else None,
            referrer_name=referrer or "",
            target_role=interview.target_role or "",
            purpose=interview.purpose or "",
            mode=interview.mode or InterviewMode.video,
        )
    )
