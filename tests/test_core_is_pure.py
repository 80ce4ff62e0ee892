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
