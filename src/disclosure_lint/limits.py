"""Time limits: a wall-clock limit around a piece of work, so that one pathological file is one
finding and the batch goes on.

    with time_limit(60) as limit:          # raises TimeLimitExceeded(limit) after 60 s
        ...

It is SIGALRM (`signal.setitimer(ITIMER_REAL)`) based, so it works only in the main thread of a
process on POSIX; elsewhere (Windows, another thread) it is a no-op and the work runs unlimited.
Limits nest: the timer is set for the nearest deadline, and when it fires the outermost expired
limit is raised (a per-file limit of 60 s around a PDF reader's own 30 s one: whichever expires
first is the one reported). `TimeLimitExceeded` is a `BaseException`, so that no library's or
rule's `except Exception` swallows it; whoever set the limit catches it and checks
`exceeded.limit is limit`. A handler or timer that was there before the outermost limit is
restored when it ends (the timer with the time it had left).

The alarm is delivered between Python bytecodes: work stuck inside one long C call is interrupted
only when that call returns (the batch runner's worker watchdog covers that case).
"""

from __future__ import annotations

import signal
import threading
import time

_EARLY = 0.001  # a deadline within this many seconds counts as reached when the alarm fires


class TimeLimitExceeded(BaseException):
    """The work inside `limit` ran longer than `limit.seconds`."""

    def __init__(self, limit: time_limit) -> None:
        super().__init__(f"time limit of {limit.seconds:g} s exceeded")
        self.limit = limit

    @property
    def seconds(self) -> float:
        return self.limit.seconds


def available() -> bool:
    """Whether a limit can be enforced here: POSIX interval timers, in the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


# The limits in force in this process, outermost first, and what was there before the first one.
_active: list[time_limit] = []
_saved: dict = {}


class time_limit:  # lower case: used like a function, `with time_limit(30):`
    """A context manager: raise `TimeLimitExceeded(self)` in the main thread when the work inside
    has run `seconds` (wall clock). None, 0 or a negative value: no limit."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = float(seconds or 0)
        self.deadline = 0.0
        self.active = False
        self.expired = False

    def __enter__(self) -> time_limit:
        if self.seconds <= 0 or not available():
            return self
        now = time.monotonic()
        self.deadline = now + self.seconds
        if not _active:
            _saved["handler"] = signal.signal(signal.SIGALRM, _expire)
            _saved["timer"] = signal.setitimer(signal.ITIMER_REAL, 0)
            _saved["at"] = now
        _active.append(self)
        self.active = True
        _arm()
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if not self.active:
            return False
        self.active = False
        if self in _active:
            _active.remove(self)
        if _active:
            _arm()
        else:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, _saved.pop("handler", signal.SIG_DFL))
            delay, interval = _saved.pop("timer", (0.0, 0.0))
            started = _saved.pop("at", time.monotonic())
            if delay > 0:  # someone else's timer: give it back what it had left
                signal.setitimer(signal.ITIMER_REAL, max(delay - (time.monotonic() - started), _EARLY), interval)
        if self.expired and exc_type is None:
            # The alarm's exception was swallowed inside (a bare `except:`): the work overran all the same.
            raise TimeLimitExceeded(self)
        return False


def _arm() -> None:
    """Set the timer for the nearest deadline of the limits not yet expired (or stop it)."""
    pending = [limit.deadline for limit in _active if not limit.expired]
    if not pending:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return
    signal.setitimer(signal.ITIMER_REAL, max(min(pending) - time.monotonic(), _EARLY))


def _expire(signum, frame) -> None:
    now = time.monotonic()
    for limit in _active:  # the outermost expired limit wins: its work is the one to abandon
        if not limit.expired and limit.deadline <= now + _EARLY:
            limit.expired = True
            _arm()
            raise TimeLimitExceeded(limit)
    _arm()  # early (a clock adjustment): wait for the rest
