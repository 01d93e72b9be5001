"""The prose of the development demo: activities by department, certifications,
reflections and the LinkedIn-style export the demo employee imported."""

from development.enums import ActivityKind as K

# (kind, title, provider, hours, skills) — drawn per department, plus the shared ones.
# Formatter off (kept on purpose): one activity per line reads as a table; the formatter
# would spread each row over five lines.
# fmt: off
ACTIVITIES = {
    "Engineering": [
        (K.course, "Designing data-intensive applications", "O'Reilly Learning", 14, ["System design"]),
        (K.course, "Web application security essentials", "OWASP Academy", 8, ["Security"]),
        (K.course, "Property-based testing in Python", "Talk Python Training", 6, ["Testing", "Python"]),
        (K.on_the_job, "Pairing on the billing migration", "Trellis", 12, ["Python", "SQL"]),
        (K.on_the_job, "On-call shadowing with the platform team", "Trellis", 10, ["DevOps"]),
        (K.conference_workshop, "PyCon Europe", "EuroPython Society", 16, ["Python"]),
        (K.conference_workshop, "Kubernetes in production workshop", "CNCF", 7, ["DevOps"]),
        (K.online_group, "Python Discord code review channel", "Python Discord", 5, ["Python"]),
        (K.self_study, "Reading: A Philosophy of Software Design", "", 9, ["System design"]),
        (K.networking_event, "Berlin Python meetup", "PyBerlin", 3, []),
    ],
    "Product": [
        (K.course, "Continuous discovery habits", "Product Talk Academy", 10, ["Product discovery"]),
        (K.course, "Mixed-methods user research", "Nielsen Norman Group", 12, ["User research"]),
        (K.conference_workshop, "Mind the Product", "Mind the Product", 14, ["Roadmapping"]),
        (K.online_group, "Product-led community round tables", "Product-Led Alliance", 4, ["Product discovery"]),
        (K.self_study, "Reading: Inspired", "", 8, ["Roadmapping"]),
        (K.on_the_job, "Running the pricing page experiment", "Trellis", 10, ["Data analysis"]),
    ],
    "Sales": [
        (K.course, "Negotiation mastery", "Harvard Online", 16, ["Negotiation"]),
        (K.course, "Forecasting with pipeline data", "Pavilion", 6, ["Forecasting"]),
        (K.conference_workshop, "SaaStr Europa", "SaaStr", 14, ["Account management"]),
        (K.on_the_job, "Shadowing enterprise renewals", "Trellis", 8, ["Account management"]),
        (K.professional_association, "Institute of Sales Professionals CPD evening", "ISP", 3, ["Negotiation"]),
        (K.networking_event, "Revenue leaders breakfast", "Pavilion", 2, []),
    ],
    "Marketing": [
        (K.course, "Marketing analytics with GA4", "Google Skillshop", 8, ["Data analysis", "Campaigns"]),
        (K.course, "Copywriting for B2B", "Copyhackers", 6, ["Written communication"]),
        (K.conference_workshop, "Marketing Week Live", "Marketing Week", 7, ["Campaigns"]),
        (K.online_group, "B2B marketers' Slack community", "Demand Curve", 4, ["Campaigns"]),
        (K.professional_association, "CIM branch webinar series", "Chartered Institute of Marketing", 4, []),
    ],
    "Customer Success": [
        (K.course, "De-escalating difficult conversations", "LinkedIn Learning", 3, ["Written communication"]),
        (K.online_group, "Support Driven community", "Support Driven", 2, []),
    ],
    "Finance": [
        (K.course, "IFRS 16 leases in practice", "ACCA", 7, ["Compliance"]),
        (K.course, "Advanced budgeting models in Excel", "Corporate Finance Institute", 9, ["Budgeting"]),
        (K.professional_association, "ACCA members' CPD evening", "ACCA", 3, ["Compliance"]),
        (K.conference_workshop, "Accountex", "Accountex", 6, ["Budgeting"]),
    ],
    "People": [
        (K.course, "Coaching skills for HR partners", "CIPD", 12, ["Coaching"]),
        (K.professional_association, "CIPD branch meeting: hybrid work", "CIPD", 3, ["Giving feedback"]),
        (K.conference_workshop, "Festival of Work", "CIPD", 8, ["Hiring"]),
        (K.self_study, "Reading: Radical Candor", "", 7, ["Giving feedback"]),
    ],
    "Operations": [
        (K.course, "Vendor risk management", "Coursera", 8, ["Vendor management"]),
        (K.course, "SQL for analysts", "DataCamp", 10, ["Data analysis"]),
        (K.conference_workshop, "Procurement leaders' summit", "ProcureCon", 7, ["Vendor management"]),
        (K.on_the_job, "Running the supplier review with Finance", "Trellis", 6, ["Budgeting"]),
    ],
    "Executive": [
        (K.conference_workshop, "Leadership summit", "Harvard Business Publishing", 12, ["Stakeholder management"]),
        (K.mentoring, "Executive coaching", "Praesta", 8, ["Coaching"]),
    ],
}
SHARED = [
    (K.course, "Business writing that gets read", "Coursera", 6, ["Written communication"]),
    (K.course, "Presenting with confidence", "Toastmasters Academy", 4, ["Presenting"]),
    (K.mentoring, "Internal mentoring programme", "Trellis", 6, ["Stakeholder management"]),
    (K.self_study, "Reading: Thinking in Systems", "", 6, []),
    (K.on_the_job, "Cross-team project rotation", "Trellis", 12, ["Stakeholder management"]),
    (K.networking_event, "Women in Tech evening", "Tech Nation", 3, []),
]
LEADS = [
    (K.course, "Leading hybrid teams", "Management Centre Europe", 10, ["Delegation", "Coaching"]),
    (K.course, "Interviewing and hiring well", "Lattice Academy", 5, ["Hiring"]),
]
DEGREE = (K.degree_programme, "MSc Data Science (part-time), module", "Open University", 60, ["Data analysis"])

# Certifications by department: (title, provider, years valid, skills).
CERTIFICATIONS = {
    "Engineering": ("Certified Kubernetes Application Developer", "CNCF", 3, ["DevOps"]),
    "Product": ("Certified Scrum Product Owner", "Scrum Alliance", 2, ["Roadmapping"]),
    "Sales": ("MEDDICC practitioner", "MEDDICC", 2, ["Forecasting"]),
    "Marketing": ("Google Analytics certification", "Google", 1, ["Data analysis"]),
    "Finance": ("ACCA Diploma in IFRS", "ACCA", 3, ["Compliance"]),
    "People": ("CIPD Level 5 Associate Diploma", "CIPD", 3, ["Coaching"]),
    "Operations": ("PRINCE2 Foundation", "PeopleCert", 3, ["Vendor management"]),
}
SOON_CERT = ("AWS Certified Solutions Architect – Associate", "Amazon Web Services", 3, ["System design"])
LATER_CERT = ("Certified Payroll Professional", "CIPP", 2, ["Compliance"])
# fmt: on

REFLECTIONS = [
    "The exercises were closer to our daily work than I expected; I am trying the "
    "checklist from week two on the next project.",
    "Most useful part: the worked examples. I wrote up three notes for the team wiki.",
    "Good refresher; the section on trade-offs changed how I write proposals.",
    "I now have a plan for the next quarter and someone to check it with.",
    "Too long on theory, but the last session alone was worth it.",
    "Talking to people outside the company showed me how much we do by habit.",
]
EVIDENCE_NOTES = [
    "Certificate of completion on file.",
    "Slides and my notes shared in the team channel.",
    "Summary presented at the team meeting.",
    "Attendance confirmed by the organiser.",
]
LEARNING_URL = "https://learning.example/{slug}"

# LinkedIn-style exports two people imported: (first, last, company, position, connected
# on). The demo employee's first row is where their interview chain starts.
LINKEDIN = {
    "employee": [
        ("Marta", "Lindgren", "Northwind Labs", "Staff Engineer", "14 Feb 2026"),
        ("Daniel", "Okoye", "Ferro Cloud", "Staff Engineer", "3 Sep 2025"),
        (
            "Priyanka",
            "Rao",
            "Lumen Analytics",
            "Chief Technology Officer",
            "21 Jan 2024",
        ),
        ("Hannah", "Cole", "Pinecrest Games", "Engineering Lead", "8 Jun 2023"),
        ("Oliver", "Grant", "Stratus Media", "VP Engineering", "30 Nov 2022"),
        ("Yara", "Haddad", "Quillstone", "Developer Advocate", "17 May 2025"),
        (
            "Mateo",
            "Silva",
            "Blue Harbour Bank",
            "Site Reliability Engineer",
            "2 Oct 2024",
        ),
    ],
    "Product Designer": [
        ("Ines", "Navarro", "Fieldnote", "Design Researcher", "5 Apr 2025"),
        ("Ravi", "Kapoor", "Glasshouse Studio", "Design Director", "19 Aug 2024"),
        ("Mia", "Schulz", "Atlas Travel", "Product Designer", "11 Jan 2026"),
    ],
}
CSV_NOTE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the '
    "email addresses are missing. You will only see email addresses for connections "
    'who have allowed their connections to see or download their email address."\n\n'
)
