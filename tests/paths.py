"""Where the tests find things: the repository, its test fixtures, and the real corpus and
development sets in ../shared (tests that need them skip when that folder is absent)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"
CORE = SHARED / "corpus" / "core"
