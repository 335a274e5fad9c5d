"""Chart looks: the Okabe-Ito colour-blind-safe palette in light and dark themes."""

from __future__ import annotations

from dataclasses import dataclass, replace

# Okabe & Ito (2008), "Color Universal Design": eight colours that stay distinct for
# the common forms of colour blindness. https://jfly.uni-koeln.de/color/
OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}


@dataclass(frozen=True)
class Theme:
    """Colours and type sizes for one look (light, dark; larger for review mode)."""

    name: str
    background: str
    text: str
    muted: str
    grid: str
    amount: str
    average: str
    goal: str
    guideline: str
    met: str
    free: str
    not_logged: str
    urge: str
    acted: str
    heat: tuple[str, ...]  # sequential ramp, low → high
    font_size: float = 10.0

    def size(self, factor: float = 1.0) -> float:
        return self.font_size * factor


LIGHT = Theme(
    name="light", background="#FFFFFF", text="#1F1F1F", muted="#5E5E5E", grid="#E3E3E3",
    amount=OKABE_ITO["blue"], average=OKABE_ITO["vermillion"], goal="#1F1F1F",
    guideline=OKABE_ITO["purple"], met=OKABE_ITO["green"], free=OKABE_ITO["green"],
    not_logged="#D9D9D9", urge=OKABE_ITO["sky"], acted=OKABE_ITO["orange"],
    heat=("#FFF3D6", "#F5C75A", OKABE_ITO["orange"], OKABE_ITO["vermillion"], "#7A2B00"),
)

DARK = Theme(
    name="dark", background="#1E1F22", text="#ECECEC", muted="#A8A8A8", grid="#3A3C40",
    amount=OKABE_ITO["sky"], average=OKABE_ITO["orange"], goal=OKABE_ITO["yellow"],
    guideline=OKABE_ITO["purple"], met=OKABE_ITO["green"], free=OKABE_ITO["green"],
    not_logged="#45474C", urge=OKABE_ITO["sky"], acted=OKABE_ITO["orange"],
    heat=("#3B2F1A", "#8A5F00", OKABE_ITO["orange"], "#F5C75A", "#FFF3D6"),
)


def theme_named(name: str | None, *, large: bool = False) -> Theme:
    """The light or dark theme ("system" and unknown names give light); large for review."""
    theme = DARK if name == "dark" else LIGHT
    return replace(theme, font_size=16.0) if large else theme
