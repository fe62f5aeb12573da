"""A second process that lays out a part of pass 2 while the build does pass 1.

After an edit, pass 1 lays out the edited part only to learn its pages, and pass 2 lays it
out again with the page numbers (`render/layout/parts`). Most edits move no page, so the numbers
of the last build are a good guess: with them, pass 2 of the part can start beside pass 1.
Its result is used only if pass 1 then gives the guessed numbers, so the output is the
same as without the guess.

With the warm pool of ``build --watch`` the part goes there. A single build on Linux with a
second core forks a process when it begins, before the concept is even loaded: it imports
WeasyPrint while the build loads and renders, and is ready when the guess is. A process
that gets no work is ended at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from ikonzept.render.layout.job import PartJob
    from ikonzept.render.layout.pages import PartLayout


# Seconds `close` waits for the process to end on SIGTERM before it kills it.
_PATIENCE = 10.0


class Pending(Protocol):
    """A layout begun elsewhere; ``result`` waits for it (and raises what it raised)."""

    def result(self) -> PartLayout: ...


class Ahead:
    """Where parts are laid out ahead: a pool given, or a process of our own, or nowhere."""

    def __init__(self, executor: Executor | None = None) -> None:
        self._executor = executor
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._received: list[tuple[bool, Any]] = []
        self._sent = 0

    @classmethod
    def forked(cls, root: Path, dirs: Sequence[Path]) -> Ahead:
        """Start a process of our own now, where that is safe and pays; else no process.

        It gets ready to lay out parts of the concept in ``root`` with the templates in
        ``dirs``: WeasyPrint imported, the stylesheet parsed.
        """
        ahead = cls()
        if _can_fork():
            from multiprocessing import get_context

            context = get_context("fork")
            ours, theirs = context.Pipe()
            process = context.Process(target=_serve, args=(theirs, root, dirs), daemon=True)
            process.start()
            theirs.close()
            ahead._process, ahead._connection = process, ours
        return ahead

    @property
    def has_process(self) -> bool:
        """Whether a process of its own was started (`forked`)."""
        return self._process is not None

    def submit(self, job: PartJob) -> Pending | None:
        """Begin laying out ``job``; None where there is nowhere to do it."""
        if self._executor is not None:
            from ikonzept.render.layout.job import lay_out_part

            return self._executor.submit(lay_out_part, job)
        if self._connection is None:
            return None
        try:
            self._connection.send(job)
        except OSError:  # the process is gone: no layout ahead
            return None
        self._sent += 1
        return _Reply(self._reply, self._sent - 1)

    def _reply(self, index: int) -> PartLayout:
        assert self._connection is not None
        while len(self._received) <= index:
            try:
                self._received.append(self._connection.recv())
            except (EOFError, OSError) as error:
                self._received.append((False, error))
        succeeded, value = self._received[index]
        if not succeeded:
            raise RuntimeError(f"laying out ahead failed: {value}")
        layout: PartLayout = value
        return layout

    def close(self) -> None:
        """End our process, at once: it holds nothing but files its build discards."""
        if self._connection is not None:
            self._connection.close()
        if self._process is not None:
            self._process.terminate()
            self._process.join(timeout=_PATIENCE)
            if self._process.is_alive():  # the signal was lost before it could handle it
                self._process.kill()
                self._process.join()
        self._process = self._connection = None


class _Reply:
    def __init__(self, reply: Callable[[int], PartLayout], index: int) -> None:
        self._reply, self._index = reply, index

    def result(self) -> PartLayout:
        return self._reply(self._index)


def _can_fork() -> bool:
    """Fork only where it is safe and pays: Linux, no other thread, a second core."""
    import os
    import sys
    import threading

    if sys.platform != "linux" or threading.active_count() > 1:
        return False
    return len(os.sched_getaffinity(0)) >= 2


def _serve(connection: Connection, root: Path, dirs: Sequence[Path]) -> None:
    """The forked process: get ready, then lay out each job sent until the pipe closes."""
    import signal

    from ikonzept.render.layout import job as part

    part.worker_started()
    # Ended by `close`, in the middle of a layout or waiting: its copy of the fonts is
    # removed first (it was left behind at every build after an edit).
    signal.signal(signal.SIGTERM, _exit)
    import pikepdf  # noqa: F401 - imported now, not during the first layout

    from ikonzept.render import hyphenation, pdf
    from ikonzept.render.content import html
    from ikonzept.render.tagged import accessible, subsets, tagging  # noqa: F401 - as pikepdf

    tagging.install()
    hyphenation.preload()
    with contextlib.suppress(Exception):  # no stylesheet: the first layout finds out
        link = html.stylesheet(dirs).resolve().as_uri()
        pdf.prepare(f'<link rel="stylesheet" href="{link}">', [root / "bilder", *dirs])
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[bool, Any] = (True, part.lay_out_part(job))
        except Exception as error:  # reported to the build, which lays the part out itself
            reply = (False, repr(error))
        with contextlib.suppress(OSError):
            connection.send(reply)


def _exit(_signal: int, _frame: object) -> None:
    """Remove the fonts and end at once. Not by raising SystemExit: a handler runs in
    whatever Python code is current, and raised in a finalizer or a callback from C the
    exception is swallowed and the process waits for work forever (a build hung so)."""
    import os

    from ikonzept.render import pdf

    pdf.forget_styles()
    os._exit(0)
