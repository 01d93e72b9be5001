"""The agreed import arrows between the app packages (STYLE.md §1, ARCHITECTURE.md).

Every module of every app package is parsed (``ast``) and each of its imports — at the top
and inside functions, absolute and relative — is checked against ``ALLOWED``: the other
packages a package may import. The direction is

    core ← people ← reviews ← development ← reports
    auth on core/people/notifications;  notifications on core/people;  audit on core/people;
    scim on core/people/auth/notifications;
    backup on core;  home and jobs on everyone;  nothing imports ``app``.

The domains queue notifications (``reviews``, ``development`` → ``notifications``); the
lower packages are served by the higher ones through registries filled at app start-up
(``people.demo.DEMO_LOADERS``, ``people.panels.PERSON_PANELS``, ``core.hooks``), never by an
import upwards. ``EXCEPTIONS`` lists the few module-level arrows allowed beyond the table,
each with its reason (reviews' API may read ``development.learning_record`` as its pages do:
add the pair when it first does; an unused exception fails). A new top-level package must
be added to ``ALLOWED``.

| package        | may import                                          |
|----------------|-----------------------------------------------------|
| core           | —                                                   |
| people         | core                                                |
| auth           | core, people, notifications (account mail)          |
| notifications  | core, people                                        |
| audit          | core, people                                        |
| backup         | core                                                |
| scim           | core, people, auth (token digests), notifications   |
| reviews        | core, people, notifications (+ learning_record)     |
| development    | core, people, reviews, notifications                |
| reports        | core, people, reviews, development                  |
| home, jobs     | every app package                                   |
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Packages that are not part of the app: tooling and tests (they may import ``app``).
NOT_APP = {"tests", "migrations", "bench", "scripts", "static", "templates", "instance"}

DOMAINS = {"core", "people", "auth", "notifications", "audit", "backup", "scim"}
DOMAINS |= {"reviews", "development", "reports", "home", "jobs"}

ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "people": {"core"},
    "auth": {"core", "people", "notifications"},
    "notifications": {"core", "people"},
    "audit": {"core", "people"},
    "backup": {"core"},
    "scim": {"core", "people", "auth", "notifications"},
    "reviews": {"core", "people", "notifications"},
    "development": {"core", "people", "reviews", "notifications"},
    "reports": {"core", "people", "reviews", "development"},
    "home": DOMAINS - {"home"},
    "jobs": DOMAINS - {"jobs"},
}

# (importing module prefix, imported module prefix): why the arrow is allowed.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("reviews.views", "development.learning_record"): (
        "the review page shows development since the last review (read side)"
    ),
    ("reviews.api", "development.learning_record"): (
        "the review's history API shows the period's learning record as the page does"
    ),
    ("people.cli", "auth.passwords"): "create-admin hashes the one-time password",
    ("people.cli", "auth.services"): "create-admin and unlock use the account services",
    (
        "people.cli",
        "auth.two_factor",
    ): "reset-two-factor uses the admin's reset service",
    ("people.cli", "auth.invitations"): (
        "users invite and people import --invite send invitations"
    ),
    ("people.demo", "auth.passwords"): "the demo accounts share one hashed password",
}


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports (top level and in functions), with its line."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            # ``from reviews import models``: the arrow goes to reviews.models
            found += [(f"{name}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def forbidden_arrows(root: Path = ROOT) -> list[str]:
    """``file:line importer -> imported`` for every import the table forbids."""
    problems = []
    for package in sorted(ALLOWED):
        for path in sorted((root / package).rglob("*.py")):
            importer = _module_name(path, root)
            for name, line in imports_of(path, root):
                target = name.split(".")[0]
                if target == package or (target not in DOMAINS and target != "app"):
                    continue  # itself, the standard library or a third party
                if target in ALLOWED[package]:
                    continue
                if any(
                    _under(importer, source) and _under(name, imported)
                    for source, imported in EXCEPTIONS
                ):
                    continue
                where = path.relative_to(root)
                problems.append(f"{where}:{line} {importer} -> {name}")
    return sorted(set(problems))


def test_no_forbidden_import_arrow():
    problems = forbidden_arrows()
    assert not problems, "forbidden imports (see ALLOWED):\n" + "\n".join(problems)


def test_every_app_package_is_in_the_table():
    packages = {
        p.parent.name
        for p in ROOT.glob("*/__init__.py")
        if p.parent.name not in NOT_APP and not p.parent.name.startswith(".")
    }
    assert packages == set(ALLOWED), "add the new package to ALLOWED and DOMAINS"
    assert set(ALLOWED) == DOMAINS


def test_every_exception_is_still_needed():
    used = set()
    for package in ALLOWED:
        for path in (ROOT / package).rglob("*.py"):
            importer = _module_name(path, ROOT)
            for name, _ in imports_of(path, ROOT):
                used |= {
                    (source, imported)
                    for source, imported in EXCEPTIONS
                    if _under(importer, source) and _under(name, imported)
                }
    assert used == set(EXCEPTIONS), f"unused exceptions: {set(EXCEPTIONS) - used}"


def _plant(root: Path, relpath: str, text: str) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    for parent in path.relative_to(root).parents:
        if parent != Path("."):
            (root / parent / "__init__.py").touch()
    path.write_text(text, encoding="utf-8")


def test_a_planted_forbidden_import_is_caught(tmp_path):
    _plant(tmp_path, "core/fine.py", "import sqlalchemy\nfrom core import db\n")
    _plant(tmp_path, "core/bad.py", "def f():\n    from reviews.models import Review\n")
    _plant(tmp_path, "people/views/x.py", "from ...development import models\n")
    _plant(tmp_path, "people/y.py", "import reports.base\n")
    _plant(tmp_path, "auth/session.py", "from reviews import permissions\n")
    _plant(tmp_path, "notifications/z.py", "from reviews import enums\n")
    _plant(tmp_path, "reviews/views/pages.py", "from development.views import panels\n")
    _plant(
        tmp_path, "reviews/views/ok.py", "from development.learning_record import f\n"
    )
    _plant(
        tmp_path, "reviews/services/no.py", "from development import learning_record\n"
    )
    _plant(tmp_path, "jobs/w.py", "from app import create_app\n")
    _plant(tmp_path, "home/ok.py", "import reviews\nimport development.views\n")

    problems = forbidden_arrows(tmp_path)

    assert problems == [
        "auth/session.py:1 auth.session -> reviews.permissions",
        "core/bad.py:2 core.bad -> reviews.models.Review",
        "jobs/w.py:1 jobs.w -> app.create_app",
        "notifications/z.py:1 notifications.z -> reviews.enums",
        "people/views/x.py:1 people.views.x -> development.models",
        "people/y.py:1 people.y -> reports.base",
        "reviews/services/no.py:1 reviews.services.no -> development.learning_record",
        "reviews/views/pages.py:1 reviews.views.pages -> development.views.panels",
    ]
