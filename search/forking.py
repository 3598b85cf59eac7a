"""Work done side by side in forked processes (a large index build uses every core it may).

A forked child inherits the parent's memory, so its arguments are not copied to it; only its result comes
back (pickled). Forking a process that runs other threads can leave the child waiting forever on a lock one
of them held, so `can_fork()` says no then, and callers do the work themselves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from multiprocessing import get_all_start_methods, get_context
from typing import Any


def can_fork() -> bool:
    return "fork" in get_all_start_methods() and threading.active_count() == 1


class Forked:
    """`function(*args)` running in a forked child process; `result()` waits for its return value."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        context = get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(function, args, sender), daemon=True)
        self._process.start()
        sender.close()

    def result(self) -> Any:
        """The function's return value; raises what it raised, or RuntimeError if the child died."""
        try:
            ok, value = self._receiver.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"a worker process stopped (exit code {self._process.exitcode})") from None
        finally:
            self._receiver.close()
        self._process.join()
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """Ends the child if it is still running (after a failure elsewhere)."""
        self._process.terminate()
        self._process.join()
        self._receiver.close()


def _run(function: Callable[..., Any], args: tuple, sender) -> None:
    try:
        outcome = (True, function(*args))
    except BaseException as exc:  # the parent re-raises it
        outcome = (False, exc)
    try:
        sender.send(outcome)
    except Exception as exc:  # an exception or result that cannot be pickled
        sender.send((False, RuntimeError(f"a worker process failed: {outcome[1]!r} ({exc})")))
    sender.close()


__all__ = ["Forked", "can_fork"]
