"""The layout's contracts, checked over the import graph of the project's own modules.

Layers, from the bottom: the project package (denhaag_cms), then comments, press, and
on top alerts (and api). A module imports only from its own layer or below; no two
modules import each other, directly or through a chain; only an app's urls.py imports a
view module; the project package imports no app (it names them by dotted path, as
settings and the root URLconf do).

Every import counts, also one inside a function: an import moved into a function to
dodge a cycle is still the dependency it was. Each failure lists the offending imports
as file:line.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"denhaag_cms": 0, "comments": 1, "press": 2, "alerts": 3, "api": 4}
PACKAGES = [name for name in LAYERS if (ROOT / name).is_dir()]


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.importer} imports {self.imported}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    }


def imported_names(node: ast.Import | ast.ImportFrom, importer: str, path: Path) -> list[str]:
    """The dotted names an import statement may load: `from a import b` loads a.b
    when that is a module, else a."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: from the importer's package
        package = importer.split(".") if path.name == "__init__.py" else importer.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, base] if base else package)
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def import_graph() -> list[Import]:
    modules = project_modules()
    edges = []
    for importer, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):  # every import, at any depth
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            names = imported_names(node, importer, path)
            if isinstance(node, ast.ImportFrom):
                # `from a import b`: the module a.b if it is one, else the module a.
                chosen = {n for n in names[:-1] if n in modules} or {names[-1]}
            else:
                chosen = set(names)
            for name in chosen:
                # The nearest project module: `import press.models.release` is
                # press.models.release; an attribute of a module is that module.
                while name and name not in modules:
                    name = name.rpartition(".")[0]
                if name and name != importer:
                    rel = path.relative_to(ROOT).as_posix()
                    edges.append(Import(importer, name, rel, node.lineno))
    return sorted(set(edges), key=lambda e: (e.path, e.line, e.imported))


def top(module: str) -> str:
    return module.partition(".")[0]


def backwards(edges: list[Import]) -> list[Import]:
    return [e for e in edges if LAYERS[top(e.imported)] > LAYERS[top(e.importer)]]


def cycles(edges: list[Import]) -> list[tuple[set[str], list[Import]]]:
    """Each group of modules that import each other, directly or through a chain (the
    strongly connected components of the graph, Tarjan's algorithm), with one shortest
    cycle through it."""
    graph: dict[str, list[Import]] = defaultdict(list)
    for edge in edges:
        graph[edge.importer].append(edge)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for edge in graph[node]:
            if edge.imported not in index:
                visit(edge.imported)
                low[node] = min(low[node], low[edge.imported])
            elif edge.imported in on_stack:
                low[node] = min(low[node], index[edge.imported])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [(c, shortest_cycle(sorted(c)[0], c, graph)) for c in components]


def shortest_cycle(start: str, members: set[str], graph) -> list[Import]:
    paths: dict[str, list[Import]] = {start: []}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for edge in graph[node]:
            if edge.imported == start:
                return [*paths[node], edge]
            if edge.imported in members and edge.imported not in paths:
                paths[edge.imported] = [*paths[node], edge]
                queue.append(edge.imported)
    raise AssertionError(f"no cycle through {start}")


def views_as_library(edges: list[Import]) -> list[Import]:
    """Imports of a view module (`*.views`) by anything but a urls.py of its package."""
    return [
        e
        for e in edges
        if e.imported.rpartition(".")[2] == "views"
        and not (
            e.importer.rpartition(".")[2] == "urls"
            and e.importer.rpartition(".")[0] == e.imported.rpartition(".")[0]
        )
    ]


def report(title: str, lines) -> str:
    return "\n".join([title, *(f"  {line}" for line in lines)])


def test_the_graph_is_read():
    """The checks below see the imports they are about (a test that reads nothing
    would pass on anything): at the top, inside a function, and `from a import b`."""
    found = {(e.importer, e.imported) for e in import_graph()}
    assert ("press.admin.releases", "press.admin.release_forms") in found
    assert ("press.apps", "press.roles") in found  # inside AppConfig.ready()
    assert ("alerts.services", "alerts.dispatch") in found  # from alerts import dispatch
    assert len(found) > 100


def test_no_module_imports_from_a_layer_above_its_own():
    offending = backwards(import_graph())
    assert not offending, report(
        "Imports from a higher layer (denhaag_cms < comments < press < alerts, api):",
        offending,
    )


def test_the_project_package_imports_no_app():
    offending = [e for e in import_graph() if top(e.importer) == "denhaag_cms"]
    offending = [e for e in offending if top(e.imported) != "denhaag_cms"]
    assert not offending, report("denhaag_cms imports an app:", offending)


def test_no_import_cycles():
    edges = import_graph()
    found = cycles(edges)
    lines = []
    for members, cycle in found:
        lines.append(" -> ".join([cycle[0].importer, *(e.imported for e in cycle)]))
        # Every import among the group's modules: any of them may be the one to go.
        lines += [f"    {e}" for e in edges if e.importer in members and e.imported in members]
    assert not found, report("Import cycles (a shortest one, then every import in it):", lines)


def test_no_view_module_is_imported_as_a_library():
    offending = views_as_library(import_graph())
    assert not offending, report(
        "View modules imported outside their app's urls.py (move what is shared out of "
        "the view module):",
        offending,
    )
