"""Cells for CSV files a spreadsheet will open: text that starts like a formula stays text.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
after a leading tab or carriage return, one that follows) as a formula: an imported text such as
``=HYPERLINK("http://…")`` would become a live link or worse (CSV injection). A leading apostrophe
makes the spreadsheet show the text as written. Numbers are left as numbers.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a CSV cell: a string starting like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
