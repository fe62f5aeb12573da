"""A checker for the machine-checkable failure conditions of the Matterhorn Protocol 1.1.

The Matterhorn Protocol is the PDF Association's list of the ways a file can fail PDF/UA-1
(ISO 14289-1); the conditions a program can decide are implemented here, the way veraPDF
decides them, plus the integrity of the structure tree itself (parent tree, MCIDs,
annotations, IDs), which every check relies on. `check(pdf)` returns every failure; an
empty list is a pass.
"""

from __future__ import annotations

from tests.matterhorn import annots, document, fonts, integrity, structure  # registers
from tests.matterhorn.registry import CHECKS, Failure, check

del annots, document, fonts, integrity, structure

__all__ = ["CHECKS", "Failure", "check"]
