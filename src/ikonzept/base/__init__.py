"""What every room shares: the user-facing errors, findings as data and the catalogue of
rules, atomic file writing, where schemas and templates live, German text helpers,
spreadsheet cells that never become formulas, and watching for saves."""
