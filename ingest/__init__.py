"""Turns regulation and case documents into graph records."""
