"""Reading a file a stranger uploaded, in a child process with limits on time and memory.

A crafted PDF or DOCX can make a parser run for minutes or allocate gigabytes (pypdf has had
published flaws of both kinds). `read_untrusted` runs the reader (ingest/reading.py, which
imports no NLP) in a new Python process that first limits itself with `setrlimit`:

- RLIMIT_AS, its address space (`memory` bytes): an allocation past it fails with MemoryError
  in the child, never in the caller;
- RLIMIT_CPU, its processor time (`seconds`): the kernel ends it with SIGXCPU;
- RLIMIT_FSIZE 0 and RLIMIT_CORE 0: it writes no file (its text goes to a pipe), and no core dump;

and the caller kills it after `seconds` (plus STARTUP_SECONDS for the interpreter to start) of wall
time as well (a reader may wait rather than compute). A new interpreter, not a fork: the caller (the report worker) has spaCy loaded, and a
fork would start with its gigabytes of address space already counted against the limit.

The outcome is a `ReadResult`: the text (cut to `max_chars`), or why there is none, in words an
investigator can act on.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KINDS = ("pdf", "docx", "txt")
SECONDS = 30
MEMORY = 768 * 2**20
MAX_CHARS = 100_000  # per file: what the extraction reads of it
STARTUP_SECONDS = 5  # the child's interpreter starting, before its own limits count
REPO = Path(__file__).resolve().parent.parent
MEMORY_EXIT, FAILED_EXIT = 3, 4  # the child's exit statuses: out of memory, unreadable (reason on stderr)


@dataclass
class ReadResult:
    text: str | None
    error: str | None = None  # why there is no text: too slow, too large, unreadable


def read_untrusted(path: Path, kind: str, seconds: float = SECONDS, memory: int = MEMORY,
                   max_chars: int = MAX_CHARS) -> ReadResult:
    """The text of `path` read as `kind` (pdf, docx, txt) by a child process within the limits."""
    if kind not in KINDS:
        raise ValueError(f"not a readable kind: {kind!r}")
    command = [sys.executable, "-m", "ingest.untrusted", kind, str(path), str(max(1, int(seconds + 0.999))),
               str(int(memory)), str(int(max_chars))]
    # A bare environment (no PYTHONSTARTUP or the like), started from the package root.
    env = {"PYTHONPATH": str(REPO), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    try:
        done = subprocess.run(command, capture_output=True, timeout=seconds + STARTUP_SECONDS, cwd=REPO, env=env)
    except subprocess.TimeoutExpired:  # run() has killed it
        return ReadResult(None, f"reading took longer than {seconds:g} s")
    if done.returncode == 0:
        try:
            return ReadResult(json.loads(done.stdout)["text"])
        except (ValueError, KeyError):
            return ReadResult(None, "the reader's output was unreadable")
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return ReadResult(None, f"reading took longer than {seconds:g} s of processor time")
    if done.returncode == MEMORY_EXIT:
        return ReadResult(None, f"reading needed more than {memory / 2**20:g} MiB of memory")
    if done.returncode == FAILED_EXIT:
        return ReadResult(None, done.stderr.decode("utf-8", "replace").strip()[-500:] or "cannot be read")
    if done.returncode < 0:
        return ReadResult(None, f"the reader crashed (signal {-done.returncode})")
    tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
    return ReadResult(None, f"the reader failed ({tail[0][:300]})")



def _limit(seconds: int, memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child(kind: str, path: str, seconds: int, memory: int, max_chars: int) -> int:
    _limit(seconds, memory)
    try:
        from core.errors import NetraError
        from ingest.reading import decode_text
        from ingest.regulation.sources import read_docx, read_pdf

        readers = {"pdf": lambda: read_pdf(path)[0], "docx": lambda: read_docx(path)[0],
                   "txt": lambda: decode_text(Path(path).read_bytes())}
        try:
            text = readers[kind]()
        except NetraError as exc:
            print(str(exc), file=sys.stderr)
            return FAILED_EXIT
        except MemoryError:
            raise
        except Exception as exc:  # noqa: BLE001 - a crafted file can break a parser in any way
            if "memory" in str(exc).lower():  # zlib and friends say so in their own words
                return MEMORY_EXIT
            print(f"cannot be read ({type(exc).__name__}: {str(exc)[:300]})", file=sys.stderr)
            return FAILED_EXIT
        sys.stdout.write(json.dumps({"text": text[:max_chars]}))
        sys.stdout.flush()
        return 0
    except MemoryError:
        return MEMORY_EXIT


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])))
