"""What the documents say: the template context, Markdown, labels, the status chart, and
the HTML of the concept, the proposal and the Synopse."""
