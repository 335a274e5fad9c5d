"""The PDF for the therapist: what goes in it (``data``), the charts it shows (``charts``),
the page layout (``layout``) with its ``wording`` and ``styles``, and writing the file
(``pdf``, reportlab imported on use). The clinical figures: standard measures and how the
data was logged (``measures``, also ``harmtrack measures``), the calendar summary's days
(``calendar``), and their sections of the page (``clinical``).

May import ``charts`` and the packages below it.
"""
