"""`make mutation`: mutmut on the modules where a silent mistake hurts most.

The configuration is `[tool.mutmut]` in pyproject.toml. mutmut copies the tests into
`mutants/` with `shutil.copytree`, which follows symbolic links; our test cases hold links
that lead nowhere or in a circle on purpose, so they are copied as links instead.
Arguments go to mutmut: `python benchmarks/mutation.py run`, `… results`, `… show NAME`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

_copytree = shutil.copytree


def _keeping_links(source: Any, target: Any, symlinks: bool = True, *args: Any, **kw: Any) -> Any:
    return _copytree(source, target, True, *args, **kw)


shutil.copytree = _keeping_links

from mutmut.__main__ import cli  # noqa: E402 - after the patch it needs

if __name__ == "__main__":
    # Copied anew each run (links cannot be copied over links); mutmut's state stays.
    for copied in ("tests", "schemas", "templates", "concept", "concept-2019", "benchmarks"):
        shutil.rmtree(Path("mutants") / copied, ignore_errors=True)
    sys.exit(cli())
