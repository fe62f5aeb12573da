"""``ikonzept build``: validate, then write the concept, the committee proposal and, in update
rounds, the Synopse, with the snapshot and the OParl export.

`plan` says what a build makes and whether it has to; `run` lays out and writes the
documents (the long ones in parts, in parallel processes); `proposal` adds the committee
proposal and the Synopse; `oparl` writes the proposal as OParl.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ikonzept.base import fsutil
from ikonzept.base.errors import UsageError
from ikonzept.build.plan import (
    MANIFEST,
    BuildOptions,
    BuildResult,
    Progress,
    file_hash,
    fingerprint,
    output_name,
    previous_edition,
    up_to_date,
)  # fmt: skip
from ikonzept.build.run import BuildRun, prepare_workers, render_job, worker_pool

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from ikonzept.pipeline.validate import Validation
    from ikonzept.render.layout.ahead import Ahead

__all__ = [
    "MANIFEST", "BuildOptions", "BuildResult", "build", "output_name", "prepare_workers",
    "previous_edition", "render_job", "worker_pool",
]  # fmt: skip


def build(
    options: BuildOptions,
    progress: Progress | None = None,
    detail: Progress | None = None,
    *,
    validated: Callable[[Validation], None] | None = None,
    pool: Executor | None = None,
) -> BuildResult:
    """Build the documents; returns without writing anything when validation finds errors.

    ``progress`` is told of each step, ``detail`` of the progress within one, ``validated``
    of the findings as soon as they are known (before the layout). ``pool`` lays out the
    documents (``worker_pool``; kept warm between builds by ``build --watch``).
    """
    from time import perf_counter

    from ikonzept.base.resources import template_dirs

    step = progress or (lambda _text: None)
    dirs = template_dirs(options.root, options.templates)
    started = perf_counter()
    print_ = fingerprint(options, dirs)
    current = up_to_date(options.out, print_)
    if current is not None:
        return BuildResult(
            None, current, skipped=True, timings={"prüfen": perf_counter() - started}
        )

    from ikonzept.pipeline.validate import validate

    ahead = _ahead(options, dirs, pool)
    if pool is None and not ahead.has_process:
        # Not after an edit of the concept: its few changed parts are laid out here and by
        # the process ahead, and a fork server getting ready beside them only took their CPU
        # (the sample after a one-word edit: 2.3 → 2.8 s). It starts when first needed.
        prepare_workers()
    try:
        step("Laden und prüfen")
        validation = validate(options.root, options.today)
        result = BuildResult(validation, timings={"laden und prüfen": perf_counter() - started})
        if validated is not None:
            validated(validation)
        konzept = validation.konzept
        if validation.failed() or konzept is None:
            return result
        if options.kommune is not None and options.kommune not in {k.id for k in konzept.kommunen}:
            known = ", ".join(k.id for k in konzept.kommunen)
            raise UsageError(
                f"Eine Kommune „{options.kommune}“ gibt es nicht. Bekannt sind: {known}."
            )
        BuildRun(options, konzept, dirs, result, step, detail or (lambda _text: None),
               validation.previous).run(pool, ahead)  # fmt: skip
    finally:
        ahead.close()
    manifest = {
        "fingerprint": print_,
        "dateien": {path.name: file_hash(path) for path in result.outputs},
        "seiten": {path.name: pages for path, pages in result.pages.items()},
    }
    fsutil.write_text(options.out / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    return result


def _ahead(options: BuildOptions, dirs: list[Path], pool: Executor | None) -> Ahead:
    """Where the concept's edited parts are laid out ahead (see `render/layout/ahead`).

    A process of its own only for a build after an earlier one into the same folder (a
    first build has nothing to guess from) that lays out the concept with the layout cache.
    """
    from ikonzept.load import cache as user_cache
    from ikonzept.render.layout.ahead import Ahead

    if pool is not None:
        return Ahead(pool)
    if (
        not user_cache.enabled()
        or options.only not in (None, "konzept", "vorlage")
        or not (options.out / MANIFEST).is_file()
    ):
        return Ahead()
    return Ahead.forked(options.root, dirs)
