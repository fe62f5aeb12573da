"""The command line: parse options, call one core function, print, choose the exit code."""

# Importing registers the commands, in this order (feedback imports rounds first).
from ikonzept.cli import check, documents, feedback, indicators, plans, rounds, site  # noqa: F401
from ikonzept.cli.app import app, main

__all__ = ["app", "main"]
