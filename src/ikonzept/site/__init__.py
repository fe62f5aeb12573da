"""The static web site of a concept (``ikonzept site``): `view` says what a page may show
and where it lives, `pages` and `render` make the pages, `opendata`, `jsonld` and `dcat`
the open data, `output` writes it all or nothing, `build` runs it, `serve` previews it."""
