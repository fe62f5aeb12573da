"""The command line: parse options, call one core function, print, choose the exit code."""

from ikonzept.cli import check, documents, rounds  # noqa: F401  (registers the commands, in order)
from ikonzept.cli.app import app, main

__all__ = ["app", "main"]
