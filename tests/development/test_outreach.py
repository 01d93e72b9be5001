"""The outreach letter as a table: eight profiles, each with its exact letter, then the
purpose-to-clause rules and the article rule one by one, and the draft drawn from the
database naming the referrer."""

import pytest
import sqlalchemy as sa

from development.enums import ContactSource as C
from development.enums import InterviewMode as M
from development.models import Contact
from development.outreach import LetterFacts as F
from development.outreach import article, draft_outreach, purpose_clause, write_letter
from development.services import interviews as svc
from people.models import Employee

ASK = {
    mode: f"Would you have 20 minutes for {phrase} in the coming weeks? I would come "
    "prepared with a few questions and can fit around your schedule. This is not a "
    "job enquiry: I am only hoping to learn from your experience."
    for mode, phrase in [
        (M.video, "a short video call"),
        (M.phone, "a short phone call"),
        (M.in_person, "a short conversation in person"),
    ]
}
THANKS = "Thank you for considering it."


def letter(facts: F, greeting, first, second, email, name) -> tuple[F, str]:
    thanks = THANKS + (f" You can reach me at {email}." if email else "")
    paragraphs = [greeting, first, second, ASK[facts.mode], thanks, name]
    return facts, "\n\n".join(paragraphs[:-1]) + f"\n\nKind regards,\n{name}"


PROFILES = {
    "referred, everything filled": letter(
        F(
            sender_name="Dana Lee",
            sender_email="dana.lee@example.com",
            sender_role="Data Analyst",
            sender_department="Finance",
            contact_name="Amara Okafor",
            contact_title="Head of Data",
            contact_organisation="Acme Bank",
            how_found=C.referral,
            referrer_name="Jane Doe",
            target_role="Data Engineer",
            purpose="Moving from analytics into data engineering.",
            mode=M.video,
        ),
        "Dear Amara Okafor,",
        "My name is Dana Lee, and I am a Data Analyst in the Finance department. "
        "Jane Doe suggested I contact you.",
        "I am reaching out because I am interested in moving from analytics into data "
        "engineering. As Head of Data at Acme Bank, you could tell me a great deal "
        "about the Data Engineer role.",
        "dana.lee@example.com",
        "Dana Lee",
    ),
    "every optional field empty": letter(
        F(sender_name="Sam Ortiz", contact_name="Kim Park", mode=M.phone),
        "Dear Kim Park,",
        "My name is Sam Ortiz.",
        "I am reaching out to learn about your work and how you got there.",
        "",
        "Sam Ortiz",
    ),
    "no contact at all": letter(
        F(
            sender_name="Ann Lee",
            sender_email="ann@example.com",
            sender_role="Product Designer",
            purpose="to learn how product teams plan research",
            mode=M.in_person,
        ),
        "Hello,",
        "My name is Ann Lee, and I am a Product Designer.",
        "I am reaching out to learn how product teams plan research.",
        "ann@example.com",
        "Ann Lee",
    ),
    "accents, an I-sentence ending in two full stops": letter(
        F(
            sender_name="Zoë Müller",
            sender_email="zoe@example.com",
            sender_role="Engineering Manager",
            sender_department="Platform team",
            contact_name="José Núñez",
            contact_title="Director of Engineering",
            contact_organisation="Añil Software",
            how_found=C.conference,
            target_role="Staff Engineer",
            purpose="I am considering a move into staff engineering and would like "
            "to know which skills matter most..",
            mode=M.video,
        ),
        "Dear José Núñez,",
        "My name is Zoë Müller, and I am an Engineering Manager in the Platform team. "
        "I found your name through a conference I attended.",
        "I am reaching out because I am considering a move into staff engineering and "
        "would like to know which skills matter most. As Director of Engineering at "
        "Añil Software, you could tell me a great deal about the Staff Engineer role.",
        "zoe@example.com",
        "Zoë Müller",
    ),
    "a capital and a full stop; the target is the contact's own title": letter(
        F(
            sender_name="Priya Shah",
            sender_email="priya@example.com",
            sender_role="Recruiter",
            sender_department="Human Resources",
            contact_name="Ngozi Adeyemi",
            contact_title="HR Business Partner",
            contact_organisation="Northwind",
            how_found=C.alumni_association,
            target_role="HR Business Partner",
            purpose="Understand what HR business partners do day to day.",
            mode=M.in_person,
        ),
        "Dear Ngozi Adeyemi,",
        "My name is Priya Shah, and I am a Recruiter in the Human Resources "
        "department. I found your name through our alumni association.",
        "I am reaching out to understand what HR business partners do day to day. As "
        "HR Business Partner at Northwind, you could tell me a great deal about the "
        "role.",
        "priya@example.com",
        "Priya Shah",
    ),
    "a title and no organisation, a direct question, no sender role": letter(
        F(
            sender_name="Tomás Ferreira",
            sender_department="Sales",
            contact_name="Li Wei",
            contact_title="UX Research Lead",
            how_found=C.professional_network,
            purpose="How do researchers plan a study?",
            mode=M.video,
        ),
        "Dear Li Wei,",
        "My name is Tomás Ferreira, and I work in the Sales department. I found your "
        "name through my professional network.",
        "I am reaching out with a question: how do researchers plan a study? As UX "
        "Research Lead, you could tell me a great deal about your field.",
        "",
        "Tomás Ferreira",
    ),
    "an organisation and no title, a proper noun first": letter(
        F(
            sender_name="Ann Lee",
            sender_email="ann@example.com",
            sender_role="HR Advisor",
            contact_name="Amara Okafor",
            contact_organisation="Kestrel Logistics",
            how_found=C.publication,
            target_role="Data Engineer",
            purpose="Python tooling in logistics",
            mode=M.phone,
        ),
        "Dear Amara Okafor,",
        "My name is Ann Lee, and I am an HR Advisor. I came across your work in a "
        "publication.",
        "I am reaching out because I am interested in Python tooling in logistics. "
        "With your experience at Kestrel Logistics, you could tell me a great deal "
        "about the Data Engineer role.",
        "ann@example.com",
        "Ann Lee",
    ),
    "a referral whose referrer is unknown; a purpose that says 'I am writing'": letter(
        F(
            sender_name="Bo Berg",
            sender_email="bo@example.com",
            sender_role="Software Engineer",
            sender_department="Engineering",
            contact_name="Kim Park",
            contact_title="Senior UX Researcher",
            contact_organisation="Atlas Travel",
            how_found=C.referral,
            target_role="UX Researcher",
            purpose="I am writing to ask for advice on moving into UX.",
            mode=M.video,
        ),
        "Dear Kim Park,",
        "My name is Bo Berg, and I am a Software Engineer in the Engineering "
        "department. You were recommended to me as someone to talk to.",
        "I am reaching out to ask for advice on moving into UX. As Senior UX "
        "Researcher at Atlas Travel, you could tell me a great deal about the UX "
        "Researcher role.",
        "bo@example.com",
        "Bo Berg",
    ),
}


@pytest.mark.parametrize("facts, expected", PROFILES.values(), ids=list(PROFILES))
def test_the_letter_for_each_profile(facts, expected):
    assert write_letter(facts) == expected


@pytest.mark.parametrize("facts, _", PROFILES.values(), ids=list(PROFILES))
def test_no_letter_pastes_the_purpose_or_greets_nobody(facts, _):
    text = write_letter(facts)
    assert "Dear there" not in text and "I am writing" not in text
    assert ".." not in text and "?." not in text and " ." not in text


@pytest.mark.parametrize(
    "purpose, clause",
    [
        ("", ""),
        ("   ", ""),
        ("to understand X.", "to understand X"),
        ("Moving into product management.", "because I am interested in moving into "
         "product management"),
        ("A move into HR", "because I am interested in a move into HR"),
        ("Product management!", "because I am interested in product management"),
        ("I'd like to hear how you started", "because I'd like to hear how you started"),
        ("My team is moving to Go.", "because my team is moving to Go"),
        ("How senior engineers grow", "to learn how senior engineers grow"),
        ("Whether UX suits me", "to learn whether UX suits me"),
        ("Is HR right for me?", "with a question: is HR right for me?"),
        ("Learn about dbt…", "to learn about dbt"),
        ("Advice on moving to UX.", "for advice on moving to UX"),
        ("UX research", "because I am interested in UX research"),
        ("McKinsey's approach", "because I am interested in McKinsey's approach"),
        ("I am reaching out to compare roles", "to compare roles"),
    ],
)  # fmt: skip
def test_a_purpose_becomes_a_clause(purpose, clause):
    assert purpose_clause(purpose) == clause


@pytest.mark.parametrize(
    "title, expected",
    [("Engineer", "an"), ("Data Analyst", "a"), ("HR Advisor", "an"),
     ("UX Lead", "a"), ("University Liaison", "a"), ("Hourly Lead", "an"),
     ("Óptica Lead", "a")],
)  # fmt: skip
def test_the_article_follows_the_sound(title, expected):
    assert article(title) == expected


def _idea(org, contact, referred_by=None, **data):
    return svc.create_interview(
        org.employee,
        {"contact_id": contact.id if contact else None, **data},
        referred_by=referred_by,
    )


def test_the_draft_of_a_referred_interview_names_the_referrer(db, org):
    owner = org.employee.employee_id
    jane = Contact(owner_id=owner, name="Jane Doe", title="CTO", organisation="Beta")
    db.session.add(jane)
    db.session.flush()
    first = _idea(org, jane, purpose="Learn")
    amara = Contact(owner_id=owner, name="Amara Okafor", source=C.referral)
    db.session.add(amara)
    db.session.flush()
    second = _idea(org, amara, referred_by=first, target_role="Data engineer")
    employee = db.session.scalar(sa.select(Employee).where(Employee.id == owner))
    text = draft_outreach(employee, second, amara)
    assert text.startswith("Dear Amara Okafor,\n\n")
    assert "Jane Doe suggested I contact you." in text
    assert "Emma Employee, and I am an Engineer in the Engineering department" in text
    assert "suggested" not in draft_outreach(employee, first, jane)


def test_the_draft_without_a_contact_says_hello(db, org):
    employee = db.session.get(Employee, org.employee.employee_id)
    text = draft_outreach(employee, _idea(org, None), None)
    assert text.startswith("Hello,\n\n") and "Dear" not in text
