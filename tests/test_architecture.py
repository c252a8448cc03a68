"""The package's shape, as rules on its import graph.

* Only the MkDocs adapter (``adapters/mkdocs/``) imports MkDocs: the core outlives any one
  site generator, and ``ladder check`` does not pay for loading it.
* No module knows both YAML and HTML: reading the tree and making pages stay apart.
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


def is_mkdocs(name: str) -> bool:
    return name == "mkdocs" or name.startswith("mkdocs.")


def test_the_package_has_the_expected_subpackages():
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} == {
        "tree",
        "health",
        "history",
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
