"""Turning a concept into documents. `pdf` is the one door: it lays out HTML and writes the
PDF. `content` makes the HTML (what the documents say), `layout` lays out long documents
in parts, `tagged` repairs the tagged PDF for PDF/UA."""
