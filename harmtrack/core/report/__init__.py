"""The PDF for the therapist: what goes in it (``data``), the charts it shows (``charts``),
the page layout (``layout``) and writing the file (``pdf``, reportlab imported on use).

May import ``charts`` and the packages below it.
"""
