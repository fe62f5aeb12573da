"""Turning a concept into documents: Markdown, template context, HTML and PDF."""
