"""Run the action server: ``python -m actions.server [--host H] [--port P]``.

Differences from ``python -m rasa_sdk``:

* it listens on 127.0.0.1 by default: the action server has no authentication, so only the
  Rasa server next to it should reach it (see README, "Keeping the action server private");
* an action that fails answers a bare 500 — rasa-sdk's own handler echoes the exception and the
  whole request, tracker and slots included;
* it refuses to start when the knowledge store is missing or unreadable, and says how to fix it;
* it loads what the answers use (gazetteer, word lists, matchers) before it serves, so the first
  person does not wait for it (``actions/warm.py``);
* with ``METRICS_PORT`` set it serves Prometheus metrics on 127.0.0.1 only
  (``monitoring/metrics.py``); off by default.
"""

from __future__ import annotations

from runtime import skip_tensorflow

skip_tensorflow()

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402

from rasa_sdk.endpoint import create_app  # noqa: E402
from sanic import response  # noqa: E402
from sanic.request import Request  # noqa: E402
from sanic.response import HTTPResponse  # noqa: E402

from actions.warm import warm_up  # noqa: E402
from knowledge.db import open_session  # noqa: E402
from knowledge.query import StoreUnavailable, check_store  # noqa: E402
from knowledge.query import warm_up as warm_store  # noqa: E402
from monitoring import metrics  # noqa: E402

logger = logging.getLogger(__name__)


async def _opaque_error(request: Request, exception: Exception) -> HTTPResponse:
    logger.error("Action server error on %s", request.path, exc_info=exception)
    return response.json({"error": "the action failed; see the action server's log"}, status=500)


def main(argv: list[str] | None = None) -> int:
    """Check the store, then serve the actions."""
    parser = argparse.ArgumentParser(prog="python -m actions.server")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: loopback)"
    )
    parser.add_argument("--port", type=int, default=5055)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s - %(message)s"
    )
    try:
        with open_session() as session:
            summary = check_store(session)
            warm_store(session)
    except StoreUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    logger.info("Knowledge store OK: %s", summary)
    try:
        port = metrics.metrics_port()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    warm_up()
    app = create_app("actions", cors_origins=None)
    app.error_handler.add(Exception, _opaque_error)
    if port is not None:
        metrics.install(app)
        metrics.serve(port)
    app.run(args.host, args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
