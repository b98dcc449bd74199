"""Admin pages: the audit log."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from web.auth import audit_log
from web.services import BadRequest

admin = Blueprint("admin", __name__)
PAGE = 100


@admin.get("/admin/audit", endpoint="audit")
def audit_page():
    before = request.args.get("before", "")
    if before and not before.isdigit():
        raise BadRequest("before must be an entry number.")
    entries = audit_log().entries(limit=PAGE, before=int(before) if before else None,
                                  actor=request.args.get("actor") or None, subject=request.args.get("subject") or None)
    return render_template("audit.html", entries=entries, broken=audit_log().verify(),
                           older=entries[-1].seq if len(entries) == PAGE else None)
