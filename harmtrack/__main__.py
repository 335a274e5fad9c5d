"""`python -m harmtrack` runs the app (same as the `harmtrack` command)."""

from harmtrack.cli import main

raise SystemExit(main())
