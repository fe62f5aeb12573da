"""CI pipelines for a county's concept repository (``ikonzept init --ci github|gitlab``).

On every push they validate (findings as annotations in the merge or pull request), on
merge requests they post ``ikonzept diff`` against the target branch as Markdown, and on
tags they build the PDFs and the site and keep them as artifacts. The pipeline files are
templates (``templates/ci/``) with the concept folder filled in; batch builds of several
concepts belong there too.
"""

from __future__ import annotations

import enum
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ikonzept.base import fsutil
from ikonzept.base.errors import TargetNotEmptyError
from ikonzept.base.resources import data_dir

PLACEHOLDER = "@KONZEPT@"


class Platform(enum.StrEnum):
    github = "github"
    gitlab = "gitlab"

    @property
    def file(self) -> Path:
        """Where the platform looks for the pipeline, from the repository's root."""
        return {
            Platform.github: Path(".github") / "workflows" / "integrationskonzept.yml",
            Platform.gitlab: Path(".gitlab-ci.yml"),
        }[self]


@dataclass(frozen=True, slots=True)
class Pipeline:
    path: Path  # the file to write
    text: str


def repository_root(concept: Path) -> Path:
    """The git work tree that will hold ``concept``, else the folder around it."""
    around = concept.resolve().parent
    start = concept.resolve() if concept.is_dir() else around
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=start, capture_output=True, text=True, check=True, timeout=20,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return around
    return Path(top) if top else around


def pipeline(platform: Platform, concept: Path) -> Pipeline:
    """The pipeline for ``concept``; refuses to replace one that is there already."""
    root = repository_root(concept)
    folder = concept.resolve().relative_to(root).as_posix() if concept.resolve() != root else "."
    target = root / platform.file
    if target.exists():
        raise TargetNotEmptyError(
            f"„{target}“ gibt es schon; ikonzept überschreibt keine Pipeline. Benennen Sie die "
            "Datei um, oder übernehmen Sie die Schritte von Hand (siehe README)."
        )
    template = (data_dir("templates") / "ci" / f"{platform.value}.yml").read_text("utf-8")
    return Pipeline(target, template.replace(PLACEHOLDER, folder))


def write(pipeline: Pipeline) -> Path:
    fsutil.write_text(pipeline.path, pipeline.text)
    return pipeline.path
