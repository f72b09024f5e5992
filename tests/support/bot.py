"""The real trained bot on free ports for the tests: ``serving.local`` (the launcher's pieces)."""

from serving.local import MODEL, PROJECT_ROOT, VENV_BIN, RunningBot, _http_ok, running_bot

__all__ = ["MODEL", "PROJECT_ROOT", "VENV_BIN", "RunningBot", "_http_ok", "running_bot"]
