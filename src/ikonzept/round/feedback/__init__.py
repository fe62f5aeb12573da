"""Feedback forms (Rückmeldebögen): workbooks for the actors, and reading them back."""
