"""Checking the files' data against the schemas, with a generated fast path
(`fastcheck`) and German explanations of every problem (`schema`, `schemahints`). The
rules on the assembled model are in `domain`; the rule catalogue is in `base.rules`."""
