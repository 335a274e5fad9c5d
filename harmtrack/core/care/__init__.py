"""Working with a therapist: recorded sessions (``sessions``), the therapist listing and
support contacts (``therapists``), action plans and alternatives (``plans``), the user's safety plan
(``safety_plan``), safer-use notes on depressant combinations (``combinations``),
decisional balances with ideal-use plans (``balance``), and scored questionnaires and
their schedules (``questionnaires``, instruments read from ``resources/instruments/``).

May import ``stats``, ``tracking`` and the packages below them; not ``goals``.
"""
