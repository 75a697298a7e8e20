"""The shape of the house: no import cycle, and services are built in one place only.

``deriv_desktop/composition.py`` is the composition root. The app, ``--self-test``, the
benches, the screenshot tools and the GUI and end-to-end test fixtures all build through it,
so what the tests run is what users run. Unit and integration tests of one service may build
that service themselves; they are not scanned.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]

#: The classes that make up a running stack; only the composition root calls them.
SERVICES = frozenset(
    {
        "SessionService",
        "LoginService",
        "TokenService",
        "SecurityCheckup",
        "LegacyBackend",
        "NewApiBackend",
        "StateBridge",
    }
)
#: Where they may be called: the root, and the API parts modules whose factories it invokes.
BUILDERS = frozenset(
    {
        "deriv_desktop/composition.py",
        "deriv_desktop/services/legacy_parts.py",
        "deriv_desktop/services/new_api_setup.py",
    }
)
#: Unit tests of one part that feed it by hand, and why.
UNIT_TESTS = {
    "tests/gui/test_accounts_model.py": "the accounts model's own test drives a bare bridge",
}
#: Code that must build through the root.
SCANNED = ("deriv_desktop", "bench", "tools", "tests/gui", "tests/e2e", "tests/support")


def strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's algorithm over the module graph; components of more than one module."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_the_package_has_no_import_cycle() -> None:
    """Imports inside functions count too; imports only for type checking do not."""
    graph = grimp.build_graph("deriv_desktop", exclude_type_checking_imports=True)
    assert strongly_connected(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(name)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.a")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert strongly_connected(graph) == [["pkg.a", "pkg.b"]]


def constructions(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in SERVICES:
                yield node.lineno, name


def test_only_the_composition_root_constructs_services() -> None:
    offenders = []
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*.py")):
            where = path.relative_to(ROOT).as_posix()
            if where in BUILDERS or where in UNIT_TESTS:
                continue
            offenders += [f"{where}:{line} {name}(...)" for line, name in constructions(path)]
    assert offenders == [], "build these through deriv_desktop.composition"


def test_the_construction_scan_sees_a_construction(tmp_path: Path) -> None:
    sample = tmp_path / "wired_by_hand.py"
    sample.write_text("session = services.SessionService(server='x')\nb = StateBridge(s)\n")
    assert list(constructions(sample)) == [(1, "SessionService"), (2, "StateBridge")]


def test_each_api_parts_module_is_imported_by_name_so_installers_bundle_it() -> None:
    """PyInstaller finds modules by their import statements; a module named only in a string
    (``importlib.import_module``) is left out of the installers (the .deb's self-test caught
    it once)."""
    source = (ROOT / "deriv_desktop" / "services" / "api_kinds.py").read_text(encoding="utf-8")
    imported = {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module == "deriv_desktop.services"
        for alias in node.names
    }
    assert {"legacy_parts", "new_api_setup"} <= imported
    assert "import_module" not in source
