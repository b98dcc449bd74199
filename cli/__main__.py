"""`python -m cli`: the same as `netra`."""

from cli.commands import main

main(prog_name="netra")
