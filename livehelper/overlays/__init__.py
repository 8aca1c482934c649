"""OBS control and browser overlays (issue 4: not built yet)."""
