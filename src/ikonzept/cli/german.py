"""German for the parts of the command line that Click and Typer write.

Click marks its messages for gettext but ships no German catalogue; we answer its
``_``/``ngettext`` lookups from the table below. Unknown messages stay English.
"""

from __future__ import annotations

import sys

_CATALOGUE = {
    "Usage:": "Aufruf:",
    "Options": "Optionen",
    "Arguments": "Argumente",
    "Commands": "Befehle",
    "Show this message and exit.": "Diese Hilfe zeigen und beenden.",
    "Show the version and exit.": "Version zeigen und beenden.",
    "Try '{command} {option}' for help.": "Hilfe: „{command} {option}“.",
    "Error: {message}": "Fehler: {message}",
    "Aborted!": "Abgebrochen.",
    "Missing argument": "Es fehlt das Argument",
    "Missing option": "Es fehlt die Option",
    "Missing parameter": "Es fehlt die Angabe",
    "Missing command.": "Es fehlt ein Befehl.",
    "Missing parameter: {param_name}": "Es fehlt die Angabe {param_name}",
    "No such option {name!r}.": "Unbekannte Option {name!r}.",
    "No such option: {name}": "Unbekannte Option: {name}",
    "No such command {name!r}.": "Unbekannter Befehl {name!r}.",
    "Did you mean {possibility}?": "Meinten Sie {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Meinten Sie eine von: {possibilities}?)",
    "Option {name!r} requires an argument.": "Die Option {name!r} braucht einen Wert.",
    "Option {name!r} requires {nargs} arguments.": "Die Option {name!r} braucht {nargs} Werte.",
    "Option {name!r} does not take a value.": "Die Option {name!r} nimmt keinen Wert.",
    "Got unexpected extra argument ({args})": "Unerwartete zusätzliche Angabe ({args})",
    "Got unexpected extra arguments ({args})": "Unerwartete zusätzliche Angaben ({args})",
    "Invalid value for {param_hint}: {message}": "Ungültiger Wert für {param_hint}: {message}",
    "Invalid value: {message}": "Ungültiger Wert: {message}",
    "{value!r} is not {choice}.": "{value!r} ist nicht erlaubt; möglich ist {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} ist nicht erlaubt; möglich sind {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} hat nicht die Form {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} hat keine der Formen {formats}.",
    "{value!r} is not a valid {number_type}.": "{value!r} ist keine gültige Zahl.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} ist kein Wahrheitswert. Möglich sind: {states}"
    ),
    "{name} {filename!r} does not exist.": "{name} {filename!r} existiert nicht.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} ist ein Ordner.",
    "{name} {filename!r} is a file.": "{name} {filename!r} ist eine Datei.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} ist nicht lesbar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} ist nicht beschreibbar.",
    "default: {default}": "Vorgabe: {default}",
    "required": "Pflicht",
    "env var: {var}": "Umgebungsvariable: {var}",
    "Install completion for the current shell.": (
        "Befehlsvervollständigung für die aktuelle Shell einrichten."
    ),
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Befehlsvervollständigung für die aktuelle Shell zeigen (zum Kopieren oder Anpassen)."
    ),
}

_PATCHED_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
    "typer.core",
    "typer.main",
)


def gettext(message: str) -> str:
    return _CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def install() -> None:
    """Answer Click's and Typer's message lookups in German."""
    import click  # noqa: F401  (the modules below must be loaded to be patched)
    import typer  # noqa: F401

    for name in _PATCHED_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def translate_help(text: str | None) -> str | None:
    """Help texts Typer hard-codes (completion options)."""
    return _CATALOGUE.get(text, text) if text else text
