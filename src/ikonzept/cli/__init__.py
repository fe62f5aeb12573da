"""The command line: parse options, call one core function, print, choose the exit code."""

# Importing registers the commands, in this order (feedback imports rounds first).
from ikonzept.cli import (  # noqa: F401
    check,
    documents,
    feedback,
    importing,
    indicators,
    plans,
    rounds,
    site,
)
from ikonzept.cli.app import app, main

__all__ = ["app", "main"]
