"""The package's shape, as rules on its import graph.

* Only the MkDocs adapter (``adapters/mkdocs/``) imports MkDocs: the core outlives any one
  site generator, and ``ladder check`` does not pay for loading it.
* No module knows both YAML and HTML: reading the tree and making pages stay apart.
* Imports point down one order of layers (:data:`LAYERS`): a module imports only from the
  layers below its own, or from its own package. This runs in CI (``.ci/run``), so a new upward
  import, at the top of a module, inside a function or under ``TYPE_CHECKING``, fails it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugin" / "mkdocs_ladder"
MODULES = sorted(p for p in PACKAGE.rglob("*.py"))
HTML = ("jinja2", "markupsafe", "nh3", "cmarkgfm", "html", "mkdocs_ladder.render")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}: relative import; the package uses absolute imports")
            found.add(node.module or "")
    return found


#: The package's layers, bottom first. A module belongs to the layer of its top-level module or
#: package under ``mkdocs_ladder`` ("" is the package itself, for ``__version__``); names on one
#: line are independent of each other.
LAYERS: list[tuple[str, ...]] = [
    ("", "terminal", "gitio", "gcpause", "atomic"),  # the bottom: text for a terminal, git, pausing the GC, files replaced whole
    ("errors",),  # the one Problem type and its formats
    ("cache",),  # a cache folder that prunes itself
    ("tree",),  # reading and checking the YAML: scalars, sources, model, loader, tree rules, level names
    ("labels",),  # the words of the pages and of the messages
    ("history", "work", "metrics"),  # the tree over time; the work delivered, from the repositories; the outcomes, from the data
    ("health",),  # the rules that read a valid tree (and its history)
    ("render",),  # pages, diagrams and charts
    ("settings",),  # every option, as values
    ("wiring",),  # the parts a build is made of, made from the settings
    ("check",),  # the check pipeline
    ("config_file", "sitecache"),  # a site's config read without MkDocs; the whole result's cache
    ("project",),  # a project, opened once: the settings and what a build is made of
    ("publish",),  # the publish pipeline
    ("preview",),  # a preview: only what an edit touched, made anew
    ("authoring",),  # schema, scaffolding, export, diff
    ("adapters",),  # the CLI, the MkDocs plugin, pages into a folder
]


def layer_of(module: str) -> int:
    """The layer of ``mkdocs_ladder.X...`` (KeyError for a module no layer names)."""
    top = module.split(".")[1] if "." in module else ""
    return next(index for index, names in enumerate(LAYERS) if top in names)


def imported_modules(source: str) -> set[str]:
    """Every mkdocs_ladder module that ``source`` imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "mkdocs_ladder":  # from mkdocs_ladder import wiring
                found.update(f"mkdocs_ladder.{alias.name}" for alias in node.names if not alias.name.startswith("_"))
    return {name for name in found if name.startswith("mkdocs_ladder.")}


def upward_imports(module: str, source: str) -> list[str]:
    """The imports of ``source`` (the text of ``module``) that point up, or sideways to another
    package of its own layer."""
    own = module.split(".")[:2]
    return sorted(name for name in imported_modules(source) if name.split(".")[:2] != own and layer_of(name) >= layer_of(module))


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_point_down_the_layers(path):
    module = module_name(path)
    assert upward_imports(module, path.read_text(encoding="utf-8")) == []


def test_every_module_has_a_layer():
    for path in MODULES:
        layer_of(module_name(path))  # a new top-level module must be given its place in LAYERS


@pytest.mark.parametrize(
    ("module", "source", "caught"),
    [
        ("mkdocs_ladder.tree.model", "from mkdocs_ladder.render.pages import Site\n", ["mkdocs_ladder.render.pages"]),
        ("mkdocs_ladder.tree.validate", "def f():\n    from mkdocs_ladder.settings import Settings\n", ["mkdocs_ladder.settings"]),
        ("mkdocs_ladder.gitio", "if TYPE_CHECKING:\n    import mkdocs_ladder.tree.sources\n", ["mkdocs_ladder.tree.sources"]),
        ("mkdocs_ladder.settings", "from mkdocs_ladder import wiring\n", ["mkdocs_ladder.wiring"]),
        ("mkdocs_ladder.labels", "from mkdocs_ladder.history.model import History\n", ["mkdocs_ladder.history.model"]),
        ("mkdocs_ladder.config_file", "from mkdocs_ladder.sitecache import site_key\n", ["mkdocs_ladder.sitecache"]),
        ("mkdocs_ladder.render.pages", "from mkdocs_ladder.health import RULES\nfrom mkdocs_ladder.render.text import anchor\n", []),
    ],
)
def test_an_upward_or_sideways_import_is_caught(module, source, caught):
    assert upward_imports(module, source) == caught


def is_mkdocs(name: str) -> bool:
    return name == "mkdocs" or name.startswith("mkdocs.")


def test_the_package_has_the_expected_subpackages():
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} == {
        "tree",
        "health",
        "history",
        "work",
        "metrics",
        "labels",
        "render",
        "authoring",
        "adapters",
    }


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_only_the_mkdocs_adapter_imports_mkdocs(path):
    inside_adapter = (PACKAGE / "adapters" / "mkdocs") in path.parents
    if not inside_adapter:
        assert not any(is_mkdocs(name) for name in imports(path)), module_name(path)


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_module_knows_both_yaml_and_html(path):
    names = imports(path)
    if "yaml" in names:
        assert not any(name == h or name.startswith(h + ".") for name in names for h in HTML), module_name(path)


def test_the_core_loads_without_mkdocs_at_run_time():
    core = [module_name(p) for p in MODULES if (PACKAGE / "adapters" / "mkdocs") not in p.parents and p != PACKAGE / "adapters" / "mkdocs"]
    script = (
        "import importlib, sys\n"
        + "".join(f"importlib.import_module({name!r})\n" for name in core)
        + ("bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))\nprint(bad)\n")
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert len(core) >= 20


def test_the_command_line_module_stays_under_300_lines():
    """It parses and prints; what grows belongs in the modules below it (or a command module of its own)."""
    assert len((PACKAGE / "adapters" / "cli.py").read_text(encoding="utf-8").splitlines()) < 300


def _functions(path: Path) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_function_takes_more_than_six_parameters_or_runs_past_sixty_lines(path):
    """Grouped values (a dataclass, the project) instead of long parameter lists; small functions."""
    found = []
    for function in _functions(path):
        args = function.args
        names = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs] if a.arg not in ("self", "cls")]
        if len(names) > 6:
            found.append(f"{function.name}:{function.lineno} takes {len(names)} parameters")
        if (length := (function.end_lineno or function.lineno) - function.lineno + 1) > 60:
            found.append(f"{function.name}:{function.lineno} runs {length} lines")
    assert found == []
