"""spaCy components of the case pipeline; importing this package registers them by name."""

from . import candidates, cues, identifiers, persons, sentences, units  # noqa: F401
