"""The engine must run where pygame is absent: it never imports it, directly or through a module."""

import subprocess
import sys


def test_core_scenario_and_cli_never_import_pygame():
    code = (
        "import sys, pkgutil, importlib, simulator.core as c\n"
        "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('simulator.core.' + m.name)\n"
        "import simulator.scenario, simulator.cli\n"
        "from simulator.cli import main; main(['list'])\n"
        "print('pygame' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False")


def test_outside_the_core_only_its_public_names_are_imported():
    """UI, scenarios, CLI and training see the engine through `simulator.core`'s `__all__` only."""
    import ast
    from pathlib import Path

    import simulator.core as core

    root = Path(core.__file__).parents[1]
    offences = []
    for path in sorted(root.rglob("*.py")):
        if path.is_relative_to(root / "core"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("simulator.core"):
                rel = path.relative_to(root.parent)
                if node.module != "simulator.core":
                    offences.append(f"{rel}:{node.lineno}: from {node.module}")
                offences += [f"{rel}:{node.lineno}: {a.name} is not public" for a in node.names
                             if node.module == "simulator.core" and a.name not in core.__all__]  # fmt: skip
            elif isinstance(node, ast.Import) and any(a.name.startswith("simulator.core.") for a in node.names):
                offences.append(f"{path.relative_to(root.parent)}:{node.lineno}: import of a core module")
    assert offences == []
