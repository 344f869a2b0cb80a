"""High-contrast themes for a projected terminal: readable from the back of the room."""

from textual.color import Color
from textual.theme import Theme

PROJECTOR_DARK = Theme(
    name="projector",
    primary="#FFD400",
    secondary="#00E5FF",
    accent="#00E5FF",
    warning="#FFAB00",
    error="#FF3B30",
    success="#00E676",
    foreground="#FFFFFF",
    background="#000000",
    surface="#101010",
    panel="#202020",
    dark=True,
    variables={
        "input-selection-background": "#FFD400 40%",
        # The projector clock's band (success / warning / error) carries black text: at least
        # 5.9:1 on each; overtime pulses to a lighter red (7.5:1). See tests/test_big_clock.py.
        "clock-band-text": "#000000",
        "clock-pulse": "#FF6A61",
    },
)

PROJECTOR_LIGHT = Theme(
    name="projector-light",
    primary="#003FBF",
    secondary="#6A00B8",
    accent="#6A00B8",
    warning="#B35C00",
    error="#C00000",
    success="#006B2E",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F2F2F2",
    panel="#E0E0E0",
    dark=False,
    variables={
        # White on the dark green / amber / red bands: at least 6.4:1; overtime pulses darker.
        "clock-band-text": "#FFFFFF",
        "clock-pulse": "#8F0000",
    },
)

PROJECTOR_THEMES = (PROJECTOR_DARK, PROJECTOR_LIGHT)


def clock_variable_defaults(theme: Theme) -> dict[str, str]:
    """The clock band's variables for a theme that does not set them (any of Textual's).

    The band text is black or white, whichever reads better on the worst of the three bands;
    the overtime pulse is the error colour a shade lighter (dark text) or darker (light text).
    """
    bands = [Color.parse(c) for c in (theme.success, theme.warning, theme.error) if c]
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    on_black = min((contrast(band, black) for band in bands), default=21.0)
    on_white = min((contrast(band, white) for band in bands), default=21.0)
    text = black if on_black >= on_white else white
    error = Color.parse(theme.error or "#FF0000")
    pulse = error.lighten(0.1) if text == black else error.darken(0.1)
    return {"clock-band-text": text.hex, "clock-pulse": pulse.hex}


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)
