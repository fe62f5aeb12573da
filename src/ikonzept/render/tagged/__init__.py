"""How the tagged PDF is repaired for PDF/UA: hints from the HTML (`tagging`), the
structure tree as objects (`structure`), the repairs (`accessible`, `navigation`,
`artifacts`), complete font subsets (`subsets`) and the text layer (`textlayer`)."""
