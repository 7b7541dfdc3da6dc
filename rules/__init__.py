"""The built-in rules: one module per rule (dlNNN_name.py), registered through the
`disclosure_lint.rules` entry point like any third-party pack. Adding a rule is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil


def get_rules():
    from disclosure_lint.rule import Rule

    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("dl"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(
            obj for obj in vars(module).values()
            if isinstance(obj, type) and issubclass(obj, Rule) and obj is not Rule and obj.__module__ == module.__name__
        )
    return found
