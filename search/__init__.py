"""Keyword, semantic and graph-aware search over the graph."""
