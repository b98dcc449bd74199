"""`/api/v1/export`: the case layer as a file, masked for the viewer like every page. The CSV
tables are for people (a spreadsheet): their codes come with words too, in English like the rest
of the API or in Indonesian with `lang=id`; the other formats are for programs and keep codes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, after_this_request, request, send_file

from graph.export import FORMATS, iter_records, write_csv, write_ftm, write_graphml, write_jsonl
from web.auth import current_user
from web.i18n import LABELS, LANGUAGES, term
from web.privacy import redactor_for
from web.services import BadRequest, graph

exports = Blueprint("exports", __name__)
WRITERS = {"jsonl": (write_jsonl, "application/x-ndjson", "jsonl"), "ftm": (write_ftm, "application/x-ndjson", "ftm.json"),
           "graphml": (write_graphml, "application/xml", "graphml")}


@exports.get("/api/v1/export", endpoint="export")
def export():
    fmt = request.args.get("format", "jsonl")
    if fmt not in FORMATS:
        raise BadRequest(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    redactor = redactor_for(current_user())
    records = iter_records(graph()) if redactor is None else map(redactor, iter_records(graph()))
    scratch = Path(tempfile.mkdtemp(prefix="netra-export-"))
    after_this_request(lambda response: _cleanup(scratch, response))
    if fmt == "csv":
        out = scratch / "netra-export.zip"
        write_csv(records, out, labels=_labels(request.args.get("lang", "en")))
        return send_file(out, mimetype="application/zip", as_attachment=True, download_name=out.name)
    writer, mimetype, suffix = WRITERS[fmt]
    out = scratch / f"netra-export.{suffix}"
    with open(out, "w", encoding="utf-8", newline="\n") as stream:
        writer(records, stream)
    return send_file(out, mimetype=mimetype, as_attachment=True, download_name=out.name)


def _labels(language: str) -> dict[str, str]:
    """Every code's words in `language` (English unless it is one of LANGUAGES), looked up once
    for the whole file."""
    language = language if language in LANGUAGES else "en"
    return {code: term(code, language) for code in LABELS}


def _cleanup(scratch: Path, response):
    """The file is already open for sending; removing its name frees the disk once it is sent."""
    for path in scratch.iterdir():
        path.unlink()
    scratch.rmdir()
    return response
