"""`netra alerts`: the findings of the saved patterns (graph/alerts.py), evaluated after every case
ingest; list them, evaluate them now, mark one seen or dismiss it with a reason (audited)."""

from __future__ import annotations

import getpass
import json

import click

from cli.resources import open_graph
from graph.alerts import MAX_PAGE_SIZE, MAX_REASON_CHARS, PATTERNS, STATE_FILTERS

HEADINGS = {"candidate_tie": "civil servant tied to a candidate in an election both are active in",
            "repeat_respondent": "civil servant in two or more cases",
            "stalled_sanction": "sanction recommended, no decision"}


@click.group(invoke_without_command=True)
@click.option("--evaluate", is_flag=True, help="Evaluate every pattern now (as each case ingest does), then list.")
@click.option("--days", type=click.IntRange(1, 3650), default=None,
              help="With --evaluate: days a recommended sanction may wait for a decision "
                   "(default NETRA_ALERT_DECISION_DAYS, 30).")
@click.option("--pattern", type=click.Choice(PATTERNS), default=None, help="Only this pattern.")
@click.option("--state", type=click.Choice(list(STATE_FILTERS)), default="open", show_default=True,
              help="open: new and seen.")
@click.option("--after", help="Start after this alert: the `next` a page printed.")
@click.option("--limit", type=click.IntRange(1, MAX_PAGE_SIZE), default=50, show_default=True, help="Alerts per page.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def alerts(ctx, evaluate, days, pattern, state, after, limit, as_json):
    """Alerts: a civil servant tied (family, appointment, or the candidate as its PPK) to a
    candidate in an election both are active in; a civil servant in two or more cases; a sanction
    recommended with no decision after a number of days. Newest first, with their evidence.

    \b
    Examples: netra alerts                         netra alerts --evaluate --days 60
              netra alerts --pattern stalled_sanction --state all --json
              netra alerts seen alert-3f9c2e1b7d4a  netra alerts dismiss alert-3f9c2e1b7d4a --reason "..."
    """
    if ctx.invoked_subcommand is not None:
        return
    from graph.alerts import evaluate_alerts, list_alerts

    graph = open_graph()
    if evaluate:
        summary = evaluate_alerts(graph, decision_days=days)
        found = ", ".join(f"{name} {count}" for name, count in summary.found.items())
        click.echo(f"Evaluated in {summary.seconds:.2f} s: {found}; {summary.new} new, {summary.reopened} "
                   f"new again, {summary.resolved} no longer hold.", err=as_json)
    elif days is not None:
        raise click.UsageError("--days applies to --evaluate only.")
    listed = list_alerts(graph, pattern, state, after, limit)
    if as_json:
        click.echo(json.dumps(listed.to_json(), indent=2, ensure_ascii=False))
        return
    counts = ", ".join(f"{name} {count}" for name, count in listed.counts["states"].items())
    click.echo(f"{listed.total} alerts ({state}{', ' + pattern if pattern else ''}), newest first. By state: {counts}.")
    for alert in listed.alerts:
        _print_alert(alert)
    if listed.next:
        click.echo(f"\nMore: --after '{listed.next}'")


def _print_alert(alert) -> None:
    click.echo(f"\n{alert.id}  [{alert.state}]  {HEADINGS[alert.pattern]}")
    when = f"first seen {alert.first_seen[:16]}, last {alert.last_seen[:16]}"
    if alert.resolved_at:
        when += f", no longer holds since {alert.resolved_at[:16]}"
    click.echo(f"  {when}")
    if alert.reason:
        click.echo(f"  dismissed by {alert.dismissed_by}: {alert.reason}")
    for line in EVIDENCE_LINES[alert.pattern](alert.evidence):
        click.echo(f"  {line}")


def _person(person: dict | None) -> str:
    if not person:
        return "-"
    nip = f" NIP {person['nip']}" if person.get("nip") else ""
    return f"{person.get('name') or person['id']} [{person['id']}]{nip}"


def _source(item: dict) -> str:
    span = f":{item['start']}-{item['end']}" if item.get("start") is not None else ""
    title = item.get("document_title") or item.get("document_id") or "?"
    dated = f", {item['document_date']}" if item.get("document_date") else ""
    return f"{title}{dated} [{item.get('document_id')}{span}]"


def _tie_lines(evidence: dict) -> list[str]:
    lines = [f"{_person(evidence['person'])} -> candidate {_person(evidence['candidate'])}"
             + (f", {evidence['candidate']['race']}" if evidence["candidate"].get("race") else ""),
             "elections: " + "; ".join(e["name"] or e["id"] for e in evidence["elections"])]
    for tie in evidence["ties"]:
        what = tie.get("detail") or (f"holds the office of {tie['office']}, its PPK in {tie['sanction_case_id']}"
                                     if tie["kind"] == "employment" else "")
        lines.append(f"{tie['kind']} ({tie['type']}, {tie.get('status') or '-'}): {what}  {_source(tie)}")
        if tie.get("sentence"):
            lines.append(f"    \"{tie['sentence']}\"")
    lines.append("its cases there: " + ", ".join(c["number"] or c["id"] for c in evidence["cases"])
                 + _more(evidence, "cases"))
    return lines


def _repeat_lines(evidence: dict) -> list[str]:
    lines = [_person(evidence["person"]) + f", respondent in {evidence['cases_total']} cases:"]
    for case in evidence["cases"]:
        lines.append(f"{case['case_id']} ({case.get('number') or '-'}) {case.get('act') or '-'}, "
                     f"{case.get('act_date') or 'undated'}, {case.get('outcome') or '-'}  {_source(case)}")
    return lines + ([_more(evidence, "cases").strip()] if _more(evidence, "cases") else [])


def _stalled_lines(evidence: dict) -> list[str]:
    case = evidence["case"]
    lines = [f"case {case['id']} ({case.get('number') or '-'}), stage {case.get('stage') or '-'}: recommended on "
             f"{evidence['recommended_on']}, no decision after {evidence['days']} days",
             "respondents: " + ("; ".join(_person(p) for p in evidence["respondents"]) or "-"),
             "recommended by: " + (", ".join(a["name"] for a in evidence["recommended_by"]) or "-")]
    for sanction in evidence["sanctions"]:
        lines.append(f"{sanction.get('level') or '-'} {sanction.get('type') or ''}".rstrip()
                     + f", {sanction['recommended_on']}  {_source(sanction)}")
    return lines


def _more(evidence: dict, name: str) -> str:
    left = evidence[f"{name}_total"] - len(evidence[name])
    return f" (and {left} more)" if left > 0 else ""


EVIDENCE_LINES = {"candidate_tie": _tie_lines, "repeat_respondent": _repeat_lines,
                  "stalled_sanction": _stalled_lines}


@alerts.command()
@click.argument("alert_id")
def seen(alert_id):
    """Mark a new alert seen."""
    from graph.alerts import mark_seen
    from web.audit import cli_audit

    alert = mark_seen(open_graph(), alert_id, _actor())
    cli_audit("alert_seen", alert.id, alert.pattern)
    click.echo(f"{alert.id} is seen.")


@alerts.command()
@click.argument("alert_id")
@click.option("--reason", required=True,
              help=f"Why it needs no action (required, at most {MAX_REASON_CHARS} characters).")
def dismiss(alert_id, reason):
    """Dismiss a new or seen alert, with the reason."""
    from graph.alerts import dismiss as dismiss_alert
    from web.audit import cli_audit

    alert = dismiss_alert(open_graph(), alert_id, _actor(), reason)
    cli_audit("alert_dismiss", alert.id, f"{alert.pattern}: {alert.reason}")
    click.echo(f"{alert.id} is dismissed: {alert.reason}")


def _actor() -> str:
    """Who acted, named as the audit log names command-line users (web/audit.py cli_audit)."""
    return f"cli:{getpass.getuser()}"
