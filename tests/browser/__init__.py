"""Real-browser tests: the built site opened in headless Chromium (Playwright, axe-core)."""
