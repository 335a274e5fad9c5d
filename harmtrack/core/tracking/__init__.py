"""What a person tracks and logs: trackables and their units (``trackables``), entries with
their tags and check-ins, and the queries the screens read them with (``entries``).

May import ``privacy``, ``storage``, ``quantities`` and ``common``.
"""
