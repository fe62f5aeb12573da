"""ikonzept: write, check, compare and typeset municipal integration concepts."""

__version__ = "0.1.0"
