"""The engine: plain Python, driven by events and an injected clock. Never imports pygame."""
