"""What a person tracks and logs: trackables and their units (``trackables``), entries with
their tags and the queries the screens read them with (``entries``; a page at a time in a
chosen order: ``pages``), the checks of what a
person typed (``validation``), "nothing to log today" check-ins and logged days
(``checkins``), and what the logging form suggests (``suggestions``).

May import ``privacy``, ``storage``, ``quantities`` and ``common``.
"""
