"""Rendering that every edition shares: the project and its theme, templates, WeasyPrint, the
worker processes that lay out, and joining PDFs laid out in parts."""
