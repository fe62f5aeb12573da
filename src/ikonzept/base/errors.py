"""User-caused failures: each carries a German message and the exit code to end with.

Raised anywhere below the CLI; printed in exactly one place (``cli.guarded``).
"""

from __future__ import annotations


class IkonzeptError(Exception):
    """A failure the user can fix; the message says how."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(IkonzeptError):
    """The command was called wrongly or its input folder cannot be read at all."""

    exit_code = 2


class ConceptFolderError(UsageError):
    """The concept folder does not exist or is not a folder: nothing to check."""


class TargetNotEmptyError(IkonzeptError):
    """``init`` refuses to write into a folder that already holds files."""


class InvalidConceptError(IkonzeptError):
    """A command that reads or changes a concept refuses one with errors: fix them first."""
