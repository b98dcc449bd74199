"""The one place that puts every command on the `netra` group; `main` here is the console entry point."""

from __future__ import annotations

from cli import admin, alerts, cases, corpus, database, precedent, regulations, search, serve, timeline, users, worker
from cli.group import main

for command in (
    database.db, serve.serve, worker.worker,
    users.users, users.audit, admin.backup, admin.restore,
    regulations.ingest, regulations.remove, regulations.show, regulations.check_citations,
    regulations.corpus_health,
    search.index, search.search, search.similar, search.eval_search, precedent.eval_precedent,
    cases.ingest_cases, corpus.corpus, cases.eval_extraction, cases.entity, cases.entities, cases.trace,
    cases.export_command, cases.import_command, timeline.timeline, alerts.alerts,
):
    main.add_command(command)
