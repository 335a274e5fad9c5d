"""Run HarmTrack: `python main.py` does the same as the `harmtrack` command."""

from harmtrack.app import main

if __name__ == "__main__":
    raise SystemExit(main())
