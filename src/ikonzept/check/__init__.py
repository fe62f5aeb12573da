"""Checking a loaded concept: the rule catalogue (`rules`), findings as data (`findings`),
schemas with a generated fast path (`fastcheck`) and German explanations (`schema`,
`schemahints`), and the domain rules a schema cannot express (`domain`)."""
