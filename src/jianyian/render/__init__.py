"""Renderers: one module per format (terminal, Markdown, Word, HTML, xlsx, CSV, JSON, e-mail).

A renderer takes a view and lays it out; it adds no numbers and no sentences of
its own. Text from reports is data: escaped for the format, never markup, a
formula, a template expression or a terminal escape. Submodules are imported on
use (python-docx, openpyxl, resvg and rich are heavy).
"""
