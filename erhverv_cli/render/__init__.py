"""Renderers: turn result values into text. One function per format, chosen from a table."""
