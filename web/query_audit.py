"""One audit entry for every search of case data and every similar-case request, with what was
asked: the query text as typed (before a researcher's names and numbers are dropped from it) and
the other parameters (type, mode, filters, page, k...). Written before the search runs, so a
request that fails or is refused is on record too.

Only for viewers who may see cases (researchers and up); the public cannot search cases at all.
"""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from web.audit import query_detail
from web.auth import audit, current_user


def audit_case_query(action: str, args: MultiDict, subject: str = "") -> None:
    """`action`: search_cases or similar_cases; `args`: the request's parameters (q among them);
    `subject`: the case a similar-case request starts from."""
    if current_user().can("researcher"):
        audit(action, subject, query_detail(args.get("q", ""), list(args.items(multi=True))))
