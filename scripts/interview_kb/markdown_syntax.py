"""The Markdown characters that untrusted text has escaped anywhere in a line (render/markdown_text.py).

Shared with the glossary (reading/glossary_file.py): a spelling holding one of them
is escaped inside the word, where an `abbr` tooltip can no longer match it.
Inline syntax: emphasis, code, links and images, attr_list braces, tables,
abbreviation and footnote brackets; angle brackets (raw HTML) become entities.
"""

# A regular-expression character class's contents.
INLINE_SYNTAX = r"\\`*_\[\]{}|!"
ANGLE_BRACKETS = "<>"
