"""Errors a user can act on. The CLI prints their message, never a traceback."""


class NetraError(Exception):
    """A failure with a one-paragraph explanation and the fix."""


class DatabaseUnavailable(NetraError):
    """The graph database cannot be reached (stopped, wrong address, wrong credentials)."""


class DatabaseOutOfMemory(NetraError):
    """A transaction needed more memory than the server allows one."""


class QueryTimeout(NetraError):
    """A read query ran past its time limit and the server stopped it (nothing was changed)."""
