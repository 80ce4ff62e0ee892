"""The pygame front end: window, layout, drawing, input mapping and sound.

It only reads the engine's state and sends it events; `simulator.core` never imports pygame.
"""

import os

# Before any pygame import: pygame prints a banner on import unless told not to.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
