"""Where the schemas and templates live: inside the installed wheel, or in the repository."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # src/ikonzept (this file is in base/)


def data_dir(name: str) -> Path:
    """``schemas`` or ``templates``: the wheel's copy if present, else the repository's."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    repository = _PACKAGE.parents[1] / name
    if repository.is_dir():
        return repository
    raise FileNotFoundError(f"ikonzept is installed without its {name}/ folder")


def schema_dir() -> Path:
    return data_dir("schemas")


def template_dirs(root: Path, extra: Path | None = None) -> list[Path]:
    """Where templates come from, most specific first: --templates, the concept's, ours."""
    dirs = [d for d in (extra, root / "templates") if d is not None and d.is_dir()]
    return [*dirs, data_dir("templates")]


def template_file(dirs: list[Path], name: str) -> Path:
    """``name`` from the first of ``dirs`` that has it: a county's own before ours."""
    return next(d / name for d in dirs if (d / name).is_file())
