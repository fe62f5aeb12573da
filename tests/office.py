"""LibreOffice, headless, as the office our users save their forms with.

`make test` installs Debian's libreoffice-calc-nogui; every conversion uses a profile
folder of the test session's own, never the user's.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice fehlt: `make test` installiert libreoffice-calc-nogui"
    return found


def convert(source: Path, suffix: str, folder: Path, profile: Path, options: str = "") -> Path:
    """``source`` opened in LibreOffice and saved as ``suffix`` (ods, xlsx, pdf); ``options``
    name the filter and its settings (``writer_pdf_Export:{…}``)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            f"{suffix}:{options}" if options else suffix,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    target = folder / f"{source.stem}.{suffix}"
    assert done.returncode == 0 and target.is_file(), done.stdout + done.stderr
    return target
