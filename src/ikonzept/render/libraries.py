"""WeasyPrint imported with its native libraries found the quick way.

WeasyPrint tries several names for each of the libraries it needs (Pango, HarfBuzz,
fontconfig: one name per platform). For each name that is not a file, cffi asks
`ctypes.util.find_library`, which on Linux runs `ldconfig -p` and then, for a name that
ldconfig does not list, gcc and ld: 22 look-ups and 0.25 s of every process that lays out,
a third of WeasyPrint's import. Here one `ldconfig -p` answers them all, as CPython's own
first step would; a name it does not list is not found, and WeasyPrint goes on to the
next (its file name, ``libpango-1.0.so.0``, which the system's loader finds itself).
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator

# As CPython's `ctypes.util._findSoname_ldconfig` tells the platform's entries apart.
_ABI = {"x86_64": "libc6,x86-64", "ppc64": "libc6,64bit", "sparc64": "libc6,64bit",
        "s390x": "libc6,64bit", "ia64": "libc6,IA-64"}  # fmt: skip


def import_weasyprint() -> None:
    """Import WeasyPrint, once per process."""
    if "weasyprint" in sys.modules:
        return
    with _quick_lookup():
        import weasyprint  # noqa: F401 - imported for its libraries, now


@contextlib.contextmanager
def _quick_lookup() -> Iterator[None]:
    """`find_library` answered from one listing of ldconfig's cache, where there is one."""
    import ctypes.util

    listing = _ldconfig() if sys.platform == "linux" else None
    if not listing:
        yield
        return
    machine = os.uname().machine if sys.maxsize > 2**32 else ""
    abi = re.escape(_ABI.get(machine, "libc6"))

    def find_library(name: str) -> str | None:
        pattern = rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}".encode()
        found = re.search(pattern, listing)
        return os.fsdecode(found.group(1)) if found else None

    original = ctypes.util.find_library
    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig() -> bytes | None:
    try:
        done = subprocess.run(
            ["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env={"LC_ALL": "C", "LANG": "C"}, check=False,
            timeout=10,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None
