"""`netra users ...` (accounts and roles) and `netra audit` (the audit log), for admins at the
shell: whoever runs these has the data directory, so they act as admin, logged as cli:<user>."""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path

import click

from core.config import load_settings
from core.errors import NetraError
from web.accounts import ROLES, Accounts
from web.audit import AuditLog, AuditUnavailable, Head, cli_audit

GENERATED_PASSWORD_BYTES = 18


def _accounts() -> Accounts:
    return Accounts(load_settings().home / "accounts.sqlite")


@click.group()
def users():
    """Accounts that may log in to the web app, and their roles.

    \b
    Roles, each allowed what the one before it is:
      researcher    cases, with people pseudonymised and NIP/NIK masked
      investigator  everything, including names, NIPs, traces and full exports
      admin         also accounts and the audit log
    Visitors who are not logged in are public: regulations and case statistics only.
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES[1:]), required=True, help="What the account may see and do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@click.option("--generate", is_flag=True, help="Make up a strong password and print it once.")
@click.option("--if-missing", is_flag=True, help="Do nothing if the account exists (for setup scripts).")
@click.option("--password-file", type=click.Path(dir_okay=False),
              help="With --generate: write the password to this file (readable by you only) instead of printing it.")
def add_user(name, role, password_stdin, generate, if_missing, password_file):
    """Create the account NAME with a role. Asks for the password unless told otherwise."""
    store = _accounts()
    if if_missing and store.get(name.strip().lower()):
        click.echo(f"Account {name} exists; left as it is.")
        return
    password = _new_password(password_stdin, generate)
    user = store.add(name, password, role)
    cli_audit("user_add", user.name, role)
    click.echo(f"Added {user.name} ({role}).")
    if generate and password_file:
        _write_private(Path(password_file), password + "\n")
        click.echo(f"Its password is in {password_file}.")
    elif generate:
        click.echo(f"Password: {password}")


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(text)


def _new_password(from_stdin: bool, generate: bool) -> str:
    if generate:
        return secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users.command("remove")
@click.argument("name")
def remove_user(name):
    """Delete the account NAME; its sessions end at once."""
    _accounts().remove(name)
    cli_audit("user_remove", name)
    click.echo(f"Removed {name}.")


@users.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES[1:]))
def set_role(name, role):
    """Give NAME another role; their sessions end, so they log in again."""
    user = _accounts().set_role(name, role)
    cli_audit("user_role", user.name, role)
    click.echo(f"{user.name} is now {role}.")


@users.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--generate", is_flag=True, help="Make up a strong password and print it once.")
def set_password(name, password_stdin, generate):
    """Set a new password for NAME; their sessions end."""
    password = _new_password(password_stdin, generate)
    user = _accounts().set_password(name, password)
    cli_audit("user_password", user.name)
    click.echo(f"Password of {user.name} changed." + (f" New password: {password}" if generate else ""))


@users.command("list")
def list_users():
    """Every account with its role."""
    accounts = _accounts().all()
    if not accounts:
        click.echo("No accounts. Add one with `netra users add NAME --role investigator`.")
    for user, created in accounts:
        click.echo(f"{user.name:24} {user.role:13} created {created}")


@click.command()
@click.option("-n", "--limit", default=50, show_default=True, help="How many entries, newest first.")
@click.option("--actor", help="Only entries by this account.")
@click.option("--subject", help="Only entries about this case, person or account.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--verify", is_flag=True,
              help="Check the keyed hash chain and the head file: exit 1 if an entry was altered or removed, "
                   "in the middle or at the end.")
@click.option("--expect-head", metavar="SEQ:HMAC",
              help="With --verify (implied): a head printed earlier by --head and kept elsewhere; the log must "
                   "still hold that entry unchanged.")
@click.option("--head", "show_head", is_flag=True,
              help="Check the log, then print its head, SEQ:HMAC (the last entry's number and HMAC), to keep "
                   "elsewhere for --expect-head.")
def audit(limit, actor, subject, as_json, verify, expect_head, show_head):
    """Read the audit log: views, searches and exports of cases and persons, logins, account
    changes, merge decisions and report triage; or check that it is whole."""
    log = AuditLog.for_settings(load_settings())
    if verify or expect_head or show_head:
        _check_audit_log(log, expect_head, quiet=show_head and not (verify or expect_head))
        if show_head:
            click.echo(str(log.head()))
        return
    for entry in log.entries(limit=limit, actor=actor, subject=subject):
        if as_json:
            click.echo(json.dumps(entry.to_json(), ensure_ascii=False))
        else:
            click.echo(f"{entry.seq:>6} {entry.at} {entry.actor or '-':20} {entry.role:12} "
                       f"{entry.action:16} {entry.subject} {entry.detail}")


def _check_audit_log(log: AuditLog, expect_head: str | None, quiet: bool) -> None:
    """Seal an old unkeyed log, check the chain and heads; NetraError (exit 1) for any problem."""
    wanted = None
    if expect_head is not None:
        wanted = Head.parse(expect_head)
        if wanted is None:
            raise click.BadParameter(f"{expect_head!r} is not a head as `netra audit --head` prints it "
                                     "(SEQ:HMAC, the HMAC 64 hex digits).", param_hint="--expect-head")
    try:
        log.seal()
        result = log.check(expect_head=wanted)
    except AuditUnavailable as exc:
        raise NetraError(exc.detail) from exc
    if not result.ok:
        raise NetraError(f"The audit log is not intact ({result.entries} entries):\n{result.report()}")
    if quiet:
        return
    click.echo(f"The audit log is intact: {result.entries} entries, head {result.head}.")
    if result.unkeyed:
        click.echo(f"Entries 1-{result.unkeyed} were written before the chain was keyed (plain SHA-256); "
                   f"entry {result.keyed_at} seals them, so they cannot change unnoticed since.")
    for note in result.notes:
        click.echo(note)
