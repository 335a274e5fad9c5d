"""The PDF for the therapist: what goes in it (``data``), the charts it shows (``charts``),
the page layout (``layout``) with its ``wording`` and ``styles``, and writing the file
(``pdf``, reportlab imported on use).

May import ``charts`` and the packages below it.
"""
