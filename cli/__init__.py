"""The `netra` command line: the click group (`group`), the commands in one module per subject,
their shared option parsers (`params`), resources (`resources`) and printing (`output`), all
registered on the group in one place (`commands`, the console entry point)."""
