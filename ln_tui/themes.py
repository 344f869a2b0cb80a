"""High-contrast themes for a projected terminal: readable from the back of the room."""

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
    variables={"input-selection-background": "#FFD400 40%"},
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
)

PROJECTOR_THEMES = (PROJECTOR_DARK, PROJECTOR_LIGHT)
