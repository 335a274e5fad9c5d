"""Run HarmTrack: `python main.py` does the same as the `harmtrack` command."""

from harmtrack.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
