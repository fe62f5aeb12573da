"""The shape of a feedback form: what export writes and import expects."""

from __future__ import annotations

SHEET_HINTS = "Hinweise"
SHEET_MEASURES = "Maßnahmen"
SHEET_PROPOSALS = "Neue Vorschläge"

# The measures sheet: one header row with exactly these names.
COLUMNS = ("ID", "Nr.", "Maßnahme", "Wo", "Stand bisher", "Stand neu", "Begründung", "Anmerkung")
INPUT_COLUMNS = ("Stand neu", "Begründung", "Anmerkung")
WIDTHS = {
    "ID": 22,
    "Nr.": 8,
    "Maßnahme": 50,
    "Wo": 22,
    "Stand bisher": 16,
    "Stand neu": 18,
    "Begründung": 40,
    "Anmerkung": 40,
}

PROPOSAL_COLUMNS = ("Handlungsfeld", "Bedarf oder Vorschlag", "Wer wäre beteiligt?", "Anmerkung")
PROPOSAL_WIDTHS = (30, 55, 30, 35)
HINTS_WIDTH = 75
LINE_HEIGHT = 15  # points per line of wrapped text: spreadsheets do not measure it on opening
PROPOSAL_ROWS = 20

# Custom document properties that mark a workbook as ours and say whom it was for.
PROPERTY_FORM = "ikonzept-rueckmeldebogen"
PROPERTY_CONCEPT = "ikonzept-konzept"
PROPERTY_EDITION = "ikonzept-ausgabe"
PROPERTY_RECIPIENT = "ikonzept-empfaenger"
FORM_VERSION = "1"
