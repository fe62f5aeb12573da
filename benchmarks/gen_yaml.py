"""Write a ``gen_model.Concept`` as a concept folder, by plain string templating.

A tiny emitter instead of ruamel's dumper: it is an order of magnitude faster, and it
produces the layout an author writes (block scalars for Markdown, flow lists for id lists,
the ``yaml-language-server`` line), which is what ikonzept is tuned to read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from gen_model import AkteurDatei, Concept, Handlungsfeld, Vorlage

MARKER = ".generated-by-benchmarks"  # hidden: ikonzept skips dotfiles
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Plain scalars that YAML would read as something other than a string, or not at all.
_RESOLVES = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?\.?[0-9][0-9_.:eE+-]*|0x[0-9a-f]+|"
    r"0o[0-7]+|[-+]?\.inf|\.nan)$",
    re.IGNORECASE,
)


_FLOW_INDICATORS = re.compile(r"[,\[\]{}]")


class Block(str):
    """A Markdown text, written as a literal block scalar (``|``)."""


class Flow(list[str]):
    """A list of ids or codes, written in flow style (``[a, b]``)."""


def scalar(value: Any) -> str:
    """One scalar, plain where YAML reads it back unchanged, else JSON-style double quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    text = str(value)
    plain = (
        text
        and text == text.strip()
        and text[0] not in "-?:,[]{}#&*!|>'\"%@`"
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\n" not in text
        and not _RESOLVES.match(text)
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow_item(text: str) -> str:
    if _ID.match(text) or (scalar(text) == text and not _FLOW_INDICATORS.search(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def _lines(value: Any, indent: int) -> list[str]:
    if isinstance(value, dict):
        return _mapping(value, indent)
    return _sequence(value, indent)


def _mapping(data: dict[str, Any], indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for key, value in data.items():
        if value is None or (isinstance(value, list | dict) and not value):
            continue
        if isinstance(value, Block):
            out.append(f"{pad}{key}: |")
            out.extend(f"{pad}  {line}" if line else "" for line in value.rstrip("\n").split("\n"))
        elif isinstance(value, Flow):
            out.append(f"{pad}{key}: [{', '.join(_flow_item(item) for item in value)}]")
        elif isinstance(value, dict | list):
            out.append(f"{pad}{key}:")
            out.extend(_lines(value, indent + 2))
        else:
            out.append(f"{pad}{key}: {scalar(value)}")
    return out


def _sequence(items: list[Any], indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for item in items:
        if isinstance(item, dict):
            block = _mapping(item, indent + 2)
            block[0] = f"{pad}- {block[0][indent + 2 :]}"
            out.extend(block)
        else:
            out.append(f"{pad}- {scalar(item)}")
    return out


_FLOW_KEYS = frozenset({"kommunen", "akteure", "handlungsfelder", "sprachen", "ersetzt", "siehe"})


def data(obj: Any) -> Any:
    """A model object as plain dicts and lists, in FORMAT.md key order, with style markers.

    Texts ending in a newline are Markdown (``Prose.markdown`` guarantees the newline) and
    become block scalars; lists of strings under the id-list keys become flow lists.
    """
    if is_dataclass(obj) and not isinstance(obj, type):
        obj = {f.name: getattr(obj, f.name) for f in fields(obj)}
    if isinstance(obj, dict):
        out: dict[str, Any] = {}
        for key, value in obj.items():
            if key in _FLOW_KEYS and value and all(isinstance(v, str) for v in value):
                out[key] = Flow(value)
            else:
                out[key] = data(value)
        return out
    if isinstance(obj, list):
        return [data(item) for item in obj]
    if isinstance(obj, str) and obj.endswith("\n"):
        return Block(obj)
    return obj


def _konzept(c: Concept) -> dict[str, Any]:
    return {
        "id": c.id,
        "titel": c.titel,
        "ausgabe": {"nummer": c.nummer, "stand": c.stand, "vorgaenger": c.vorgaenger},
        "herausgeber": c.herausgeber,
        "kommunen": data(c.kommunen),
        "kapitel": data(c.kapitel),
    }


def _vorlage(v: Vorlage) -> dict[str, Any]:
    plain = data(v)
    begruendung = plain.pop("begruendung")
    begruendung = {
        **{k: begruendung[k] for k in ("problem", "loesung", "alternativen")},
        "auswirkungen": plain.pop("auswirkungen"),
        "zustaendigkeit": begruendung["zustaendigkeit"],
    }
    head = ("nummer", "datum", "federfuehrung", "oeffentlich", "beratungsfolge")
    return {
        **{key: plain[key] for key in head},
        "beschlussvorschlag": plain["beschlussvorschlag"],
        "begruendung": begruendung,
        **{key: plain[key] for key in ("bezug", "unterschrift")},
    }


def _akteure(datei: AkteurDatei) -> Any:
    items = [data(a) for a in datei.akteure]
    return items[0] if datei.single else items


def render(concept: Concept, schema_prefix: str | None = "../schemas") -> dict[str, str]:
    """All YAML files of the concept: relative path → text."""
    files: dict[str, tuple[str, Any]] = {"konzept.yaml": ("konzept", _konzept(concept))}
    feld: Handlungsfeld
    for feld in concept.handlungsfelder:
        files[f"handlungsfelder/{feld.filename}"] = ("handlungsfeld", data(feld))
    for datei in concept.akteur_dateien:
        files[f"akteure/{datei.name}"] = ("akteur", _akteure(datei))
    singles: list[tuple[str, str, Callable[[], Any]]] = [
        ("glossar", "glossar.yaml", lambda: data(concept.glossar)),
        ("abkuerzungen", "abkuerzungen.yaml", lambda: data(concept.abkuerzungen)),
        ("rechtsgrundlagen", "rechtsgrundlagen.yaml", lambda: data(concept.rechtsgrundlagen)),
        ("beteiligung", "beteiligung.yaml", lambda: data(concept.beteiligung)),
    ]
    for kind, name, build in singles:
        content = build()
        if content:
            files[name] = (kind, content)
    if concept.vorlage:
        files["vorlage.yaml"] = ("vorlage", _vorlage(concept.vorlage))
    out: dict[str, str] = {}
    for rel, (kind, content) in files.items():
        header = []
        if schema_prefix is not None:
            up = "../" * rel.count("/")
            header = [f"# yaml-language-server: $schema={up}{schema_prefix}/{kind}.schema.json"]
        out[rel] = "\n".join([*header, *_lines(content, 0)]) + "\n"
    return out


def write(concept: Concept, out: Path, schemas: Path | None = None) -> dict[str, int]:
    """Replace ``out`` with the concept; returns bytes per written file.

    Refuses to delete a folder it did not create (no marker file), so a wrong ``--out``
    cannot wipe someone's concept.
    """
    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise SystemExit(f"{out} exists and was not generated by this script; not touching it")
        shutil.rmtree(out)
    prefix = os.path.relpath(schemas, out) if schemas else None
    sizes: dict[str, int] = {}
    for rel, text in render(concept, prefix).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        encoded = text.encode("utf-8")
        path.write_bytes(encoded)
        sizes[rel] = len(encoded)
    for rel, content in concept.images.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        sizes[rel] = len(content.encode("utf-8"))
    (out / MARKER).write_text("Generated by benchmarks/generate.py; safe to delete.\n")
    return sizes
