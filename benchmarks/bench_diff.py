"""``ikonzept diff`` on the two generated editions: time it, and check what it reports.

The second edition (``generate.py --edition 2``) records the changes it made in
``<large>-2.expected.json``. Every one of them must be among the reported changes, compared
as ``(art, typ, id)``; merged measures must also name the measures they replace. Reported
changes the generator did not make ("extras") are listed by kind: they are suspicious.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench_core import NO_CACHE, ROOT, Bench, capture, tool

Key = tuple[str, str, str]  # art, typ, id


def second_edition(large: Path) -> Path:
    return large.with_name(f"{large.name}-2")


def expected_file(large: Path) -> Path:
    second = second_edition(large)
    return second.with_name(f"{second.name}.expected.json")


def benchmarks(large: Path) -> list[Bench]:
    second = second_edition(large)
    ik = tool("ikonzept") or "ikonzept"
    diff = (ik, "diff", str(large), str(second), "--format", "json")
    git = ("git", "diff", "--no-index", "--stat", str(large), str(second))
    label = f"`ikonzept diff {large} {second} --format json`"
    return [
        Bench("diff-large", label, (diff,), 1.0),
        Bench("diff-large-nocache", f"{label} with IKONZEPT_CACHE=0", (diff,), 1.0, env=NO_CACHE),
        Bench("git-diff", f"`git diff --no-index --stat {large} {second}`", (git,), ok=(0, 1)),
    ]


@dataclass(frozen=True, slots=True)
class DiffCheck:
    expected: int  # distinct (art, typ, id)
    reported: int
    missing: tuple[Key, ...]
    extra: tuple[dict[str, object], ...]  # the reported changes nobody made
    duplicates: int
    wrong_ersetzt: tuple[str, ...]  # merged measures whose `ersetzt` differs
    renamed_hints: int  # additions the diff suspects to be renames (umbenannt_von)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.wrong_ersetzt

    def lines(self) -> list[str]:
        verdict = "all" if not self.missing else f"**{len(self.missing)} missing** of the"
        out = [
            f"Diff check: {verdict} {self.expected} expected changes found "
            f"({self.reported} reported, {len(self.extra)} extra, {self.duplicates} duplicate, "
            f"{self.renamed_hints} with a rename hint `umbenannt_von`)."
        ]
        if self.missing:
            out.append("Missing: " + ", ".join(" ".join(k) for k in self.missing[:15]))
        if self.wrong_ersetzt:
            out.append("Wrong `ersetzt`: " + ", ".join(self.wrong_ersetzt[:15]))
        if self.extra:
            kinds = Counter(f"{c['art']} {c['typ']}" for c in self.extra)
            out.append("Extra by kind: " + ", ".join(f"{n} × {k}" for k, n in kinds.items()))
            out += [f"- `{json.dumps(c, ensure_ascii=False)[:300]}`" for c in self.extra[:10]]
        return out


def check(large: Path) -> DiffCheck:
    """Run the diff once and compare its `aenderungen` with the recorded changes."""
    bench = benchmarks(large)[0]
    report = json.loads(capture(*bench.commands[0]).stdout)
    recorded = json.loads((ROOT / expected_file(large)).read_text(encoding="utf-8"))
    expected = {(c["art"], c["typ"], c["id"]) for c in recorded["aenderungen"]}
    changes = report["aenderungen"]
    keys = [(c["art"], c["typ"], c["id"]) for c in changes]
    reported = set(keys)
    wanted = {c["id"]: c["ersetzt"] for c in recorded["aenderungen"] if c["art"] == "ersetzt"}
    got = {c["id"]: c.get("ersetzt") for c in changes if c["art"] == "ersetzt"}
    return DiffCheck(
        expected=len(expected),
        reported=len(keys),
        missing=tuple(sorted(expected - reported)),
        extra=tuple(c for c, k in zip(changes, keys, strict=True) if k not in expected),
        duplicates=len(keys) - len(reported),
        wrong_ersetzt=tuple(i for i, ids in wanted.items() if i in got and got[i] != ids),
        renamed_hints=sum(1 for c in changes if "umbenannt_von" in c),
    )
