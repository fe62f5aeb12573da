"""Documents are handed to the workers by a thread of their own (`build/run._HandOut`): in
the order given, each once, and a failure to hand one out reaches the build."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from ikonzept.build.run import _HandOut


def test_documents_are_handed_out_in_order_beside_the_main_thread() -> None:
    handed: list[str] = []
    first = threading.Event()

    def submit(key: str, job: tuple[str, Path]) -> Future[str]:
        first.wait(5)  # the fork server getting ready: the main thread goes on meanwhile
        handed.append(key)
        done: Future[str] = Future()
        done.set_result(job[0])
        return done

    hand_out = _HandOut(submit)
    for key in ("plan:a", "plan:b", "synopse"):
        hand_out.put(key, (f"<html>{key}</html>", Path(f"{key}.pdf")))
    assert handed == []  # not waited for
    first.set()
    futures = hand_out.done()
    assert handed == ["plan:a", "plan:b", "synopse"] == list(futures)
    assert futures["plan:b"].result() == "<html>plan:b</html>"


def test_a_failure_to_hand_out_is_raised_once_all_are_put() -> None:
    def submit(key: str, job: tuple[str, Path]) -> Future[str]:
        raise RuntimeError(f"Pool kaputt bei {key}")

    hand_out = _HandOut(submit)
    hand_out.put("plan:a", ("<html/>", Path("a.pdf")))
    hand_out.put("plan:b", ("<html/>", Path("b.pdf")))
    with pytest.raises(RuntimeError, match="plan:a"):
        hand_out.done()
