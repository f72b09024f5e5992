"""Delete old conversations (and one person's, on request) from the SQL tracker store.

The tracker store keeps every message a stranger sends; nothing removed them. ``python -m
serving.retention`` deletes every conversation whose last event is older than
``--older-than`` days (default ``TRACKER_RETENTION_DAYS``), or the one named with ``--sender``;
``--dry-run`` only counts. ``make forget`` runs it with the setting. The ratings of the
forgotten conversations (``monitoring.feedback``, in the same database) go with them, in the
same transaction, and so do ratings whose conversation is no longer stored.
"""

from __future__ import annotations

import argparse
import sys
import time

from sqlalchemy import bindparam, text

from knowledge.db import make_engine
from monitoring import feedback
from monitoring.stores import tracker_url
from serving.settings import current


def forget(
    url: str,
    *,
    older_than_days: float | None = None,
    sender: str | None = None,
    dry_run: bool = False,
) -> int:
    """Delete the matching conversations' events; return how many conversations matched."""
    if older_than_days is None and sender is None:
        raise ValueError("say what to forget: --older-than DAYS or --sender ID")
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            if sender is not None:
                senders = [sender]
            else:
                assert older_than_days is not None
                cutoff = time.time() - older_than_days * 86_400
                senders = list(
                    connection.execute(
                        text(
                            "SELECT sender_id FROM events GROUP BY sender_id "
                            "HAVING MAX(timestamp) < :cutoff"
                        ),
                        {"cutoff": cutoff},
                    ).scalars()
                )
            found = [
                s
                for s in senders
                if connection.execute(
                    text("SELECT 1 FROM events WHERE sender_id = :s LIMIT 1"), {"s": s}
                ).first()
            ]
            if not dry_run:
                delete = text("DELETE FROM events WHERE sender_id IN :senders").bindparams(
                    bindparam("senders", expanding=True)
                )
                for start in range(0, len(found), 500):
                    connection.execute(delete, {"senders": found[start : start + 500]})
                feedback.forget(connection, found)
        return len(found)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m serving.retention", description=__doc__)
    parser.add_argument(
        "--older-than",
        type=float,
        default=current().TRACKER_RETENTION_DAYS,
        help="days since a conversation's last message (default: $TRACKER_RETENTION_DAYS)",
    )
    parser.add_argument("--sender", help="forget this one conversation instead")
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)
    if args.sender is None and args.older_than is None:
        print(
            "Nothing to do: set TRACKER_RETENTION_DAYS (or pass --older-than DAYS) to forget "
            "old conversations, or --sender ID to forget one.",
            file=sys.stderr,
        )
        return 2
    count = forget(
        tracker_url(),
        older_than_days=None if args.sender else args.older_than,
        sender=args.sender,
        dry_run=args.dry_run,
    )
    verb = "would be forgotten" if args.dry_run else "forgotten"
    print(f"{count} conversation{'s' if count != 1 else ''} {verb}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
