"""The website: which pages exist, their HTML fragments, charts and downloads."""
