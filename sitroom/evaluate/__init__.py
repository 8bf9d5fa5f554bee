"""Scoring against gold data: gold loaders, matching rules, metrics."""
