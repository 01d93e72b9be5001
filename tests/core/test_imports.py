"""core has no import cycle: every core module imports first in a fresh interpreter, and
no chain of core → core imports (top-level or inside functions) comes back to itself."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"
MODULES = sorted(p.stem for p in CORE.glob("*.py") if p.stem != "__init__")


def _core_imports(module: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse((CORE / f"{module}.py").read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("core."):
                found.add(node.module.split(".")[1])
            elif node.module == "core":
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("core.")
            )
    return found & set(MODULES)


def _cycle_through(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph[node]:
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_no_core_module_imports_itself_round_a_circle():
    graph = {m: _core_imports(m) for m in MODULES}
    cycles = [c for m in MODULES if (c := _cycle_through(m, graph))]
    assert cycles == []


def test_every_core_module_imports_first_in_a_fresh_interpreter():
    code = (
        "import subprocess, sys\n"
        "failed = [m for m in sys.argv[1:] if subprocess.run("
        "[sys.executable, '-c', f'import core.{m}'], capture_output=True).returncode]\n"
        "print(' '.join(failed))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *MODULES],
        capture_output=True,
        text=True,
        cwd=CORE.parent,
        check=True,
    )
    assert result.stdout.split() == []
