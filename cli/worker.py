"""`netra worker`: processes the public reports on the queue (web/jobs.py), outside the web server."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time

import click

from core.config import load_settings


@click.command()
@click.option("--workers", default=1, show_default=True,
              help="Reports processed at once (threads; each holds the extraction models).")
@click.option("--drain", is_flag=True, help="Process the reports queued now, then exit.")
@click.option("--parent-pid", type=int, hidden=True, help="Exit when this process does (set by `netra serve`).")
def worker(workers, drain, parent_pid):
    """Process public reports sent through /report: read their uploads (each in a child process
    limited in time and memory), run the extraction, store the suggestions triage shows. The queue
    is NETRA_HOME/queue.sqlite (huey), or Redis with NETRA_QUEUE_URL. `netra serve` starts one;
    run it alone when the web server runs as several processes (one worker per machine)."""
    from web.jobs import ReportQueue

    logging.basicConfig(level=logging.INFO, format="%(asctime)s netra-worker %(levelname)s %(message)s")
    logging.getLogger("huey").setLevel(logging.WARNING)
    queue = ReportQueue(load_settings())
    recovered = queue.recover()
    if drain:
        done = queue.drain()
        click.echo(f"Processed {done} queued reports{f' ({len(recovered)} put back after a crash)' if recovered else ''}.")
        return
    if parent_pid:
        threading.Thread(target=_exit_with, args=(parent_pid,), daemon=True, name="netra-parent-watch").start()
    click.echo(f"Netra worker: {len(queue)} reports queued"
               f"{f', {len(recovered)} put back after a crash' if recovered else ''} (Ctrl-C to stop).", err=True)
    queue.consumer(workers=workers).run()


def _exit_with(parent_pid: int) -> None:
    """End this worker when the server that started it is gone (even killed with SIGKILL)."""
    while os.getppid() == parent_pid:
        time.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)
