"""Manager comments of the reviews demo, by competency and rating band."""

# competency -> band (low 1–2, mid 3, high 4–5) -> manager comments
MANAGER_COMMENTS = {
    "Delivery": {
        "high": [
            "Delivered {work} on time and without drama; scope was cut early, not late.",
            "{first} shipped {work} two weeks ahead of plan and with no rollback.",
        ],
        "mid": [
            "Delivers what is planned; {work} slipped by about two weeks, which was flagged.",
            "Solid, predictable output; estimates for {work} were optimistic.",
        ],
        "low": [
            "Several commitments slipped this half, {work} most visibly, with late warning.",
            "{work} was delivered a month late and needed rework after release.",
        ],
    },
    "Collaboration": {
        "high": [
            "Peers named {first} first when asked who helped them most during {work}.",
            "Brought Sales and Support into {work} early; no surprises at launch.",
        ],
        "mid": [
            "Works well within the team; less visible to the other departments.",
            "Helpful when asked, rarely offers help unprompted.",
        ],
        "low": [
            "Disagreements during {work} turned personal twice; we talked about it.",
            "Worked alone on {work}; the team learned about decisions after the fact.",
        ],
    },
    "Ownership": {
        "high": [
            "Took {work} from a vague idea to a result and owned every follow-up.",
            "Noticed the gap in {work} nobody owned, and closed it without being asked.",
        ],
        "mid": [
            "Owns their own tasks well; problems between teams wait for someone else.",
            "Follows through once a task is assigned; could pick up more unassigned work.",
        ],
        "low": [
            "Problems in {work} were reported but not pursued; they waited for me.",
            "Handed {work} over half-finished when priorities changed.",
        ],
    },
    "Communication": {
        "high": [
            "The weekly notes on {work} were the clearest in the department.",
            "Explains trade-offs plainly; the write-up of {work} is now our template.",
        ],
        "mid": [
            "Clear in writing, brief in meetings; status updates could come sooner.",
            "Good updates when asked; stakeholders sometimes had to chase.",
        ],
        "low": [
            "Stakeholders of {work} learned about delays from customers, not from us.",
            "Updates were rare and long; the key point was often missing.",
        ],
    },
    "Python": {
        "high": [
            "Idiomatic, well-tested code; the typed rewrite of the importer is a model.",
            "Reviews from {first} catch real bugs, not style; the code is easy to change.",
        ],
        "mid": [
            "Writes working code; leans on copy-paste where a helper would do.",
            "Comfortable in our codebase; asks for help with async code.",
        ],
        "low": [
            "Pull requests needed several rounds; error handling was often missing.",
            "Still learning the standard library; reinvented two things it has.",
        ],
    },
    "System design": {
        "high": [
            "The design note for {work} weighed three options honestly; we chose well.",
            "Saw the scaling limit in {work} before it bit us.",
        ],
        "mid": [
            "Sound designs for single services; cross-service flows need a review.",
            "Designs are fine; writing them down first would help the team.",
        ],
        "low": [
            "{work} was built without a design review and needed rework.",
            "Coupled two services tightly during {work}; we are untangling it.",
        ],
    },
    "Testing": {
        "high": [
            "Added the contract tests that caught the payments regression.",
            "Tests first, by habit; the flaky-test count in their area is zero.",
        ],
        "mid": [
            "Tests the happy path well; edge cases come up in review.",
            "Good unit tests; integration tests are thin.",
        ],
        "low": [
            "Two incidents this half came from untested paths in {work}.",
            "Tests are often added after review asks for them.",
        ],
    },
    "Giving feedback": {
        "high": [
            "Code reviews are specific and kind; juniors ask for {first} as reviewer.",
            "Gave a peer hard feedback about {work} early, privately and usefully.",
        ],
        "mid": [
            "Helpful feedback in reviews; rarely gives it outside them.",
            "Feedback is accurate but sometimes terse.",
        ],
        "low": [
            "Holds back feedback until it is too late to act on.",
            "Review comments read as orders; we talked about tone.",
        ],
    },
}
