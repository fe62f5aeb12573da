"""Changing concept files in place (round-trip YAML): status, feedback, new editions."""
