"""`python -m harmtrack` runs the app (same as the `harmtrack` command)."""

from harmtrack.app import main

raise SystemExit(main())
