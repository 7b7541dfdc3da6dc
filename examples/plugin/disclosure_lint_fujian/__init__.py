"""disclosure-lint-fujian: an example third-party rule pack for disclosure-lint (see docs/plugins.md).

The pack is found through its entry point (pyproject.toml):

    [project.entry-points."disclosure_lint.rules"]
    fujian = "disclosure_lint_fujian"

and disclosure-lint calls `get_rules()`, which returns the pack's rule classes. Its codes use the
pack's own prefix, FJ; the DL prefix belongs to the built-in rules.
"""

from __future__ import annotations

__version__ = "0.1.0"


def get_rules():
    from disclosure_lint_fujian.fj101_provincial_regulation import ProvincialRegulation

    return [ProvincialRegulation]
