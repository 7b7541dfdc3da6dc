"""The batch runner behind `disclosure-lint check`: every file linted (on several cores with
`--jobs`), then the cross-year rules on every pair found, with nothing lost and memory flat.

    batch = run(files, settings, jobs=4, timeout=60)      # settings: path -> config.Settings
    batch.results, batch.pairing

**Streaming.** A file's report model is dropped as soon as its findings and its pairing identity
(`pairing.identify`) are taken: a `Result` keeps a `lint.Dropped` (the path) in its place, so that
10,000 files need the memory of their findings, not of their models (a model is ~85 KB pickled).
The reports are then paired from the identities alone (`pairing.pair_identities`, the same pairing
`lint.cross_check` makes), and for each pair whose report has cross-year rules selected both files
are read again and the DL6xx rules run on them: reading a paired file twice costs less than
keeping every model for pairs that are not known until the end.

**Processes.** With `jobs` > 1 and more than one file, files are linted in a process pool (`fork`
on Linux, so a worker starts in milliseconds with the parent's modules and settings; `spawn`
elsewhere), submitted in small chunks with a bounded number in flight (10,000 files are never
10,000 pending tasks), results put back in input order: the output is byte for byte the same as
with `jobs=1`. A worker returns findings and the identity only, never a model. Each file's lint
has the time limit (`limits.time_limit`, in the worker's main thread too), after which it is one
DL000. A worker that dies (killed, out of memory, a crash in C code) breaks the pool: the files it
may have held are run again one at a time in a fresh pool, and the one that kills its worker again
is one DL000; a worker stuck in C code where the alarm cannot reach it is killed by a watchdog
(no chunk finished within its files' time limits plus a grace period). The run never hangs.

**In process.** `jobs=1`, a single file, `keep_reports` (`--format html`, whose page shows every
report's tables, needs the models) and `previous` (`--previous FILE`: one report against a given
file) run in this process; the last two keep every model, as `lint.lint` and `lint.cross_check`
(the library API, which this uses) give them.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from disclosure_lint import limits
from disclosure_lint.lint import (
    Dropped,
    Result,
    cross_check,
    failure,
    internal_error,
    lint,
    load_report,
    merged,
    pair_findings,
    pair_timed_out,
)
from disclosure_lint.pairing import Identity, Pairing, Unidentified, identify, pair_identities
from disclosure_lint.rule import Finding, is_cross_year

DEFAULT_TIMEOUT = 60.0  # seconds for one file's whole lint (read, build, rules); a PDF's reading has its own 30
WATCHDOG_GRACE = 30.0  # seconds beyond the time limits before a silent worker is killed
CHUNK_MOST = 8  # files in one task sent to a worker
IN_FLIGHT = 3  # tasks per worker submitted ahead

# What `progress` is given: the number of files; it returns a context whose value is called with
# the number of files just done.
ProgressFactory = Callable[[int], AbstractContextManager[Callable[[int], None]]]


@dataclass(frozen=True)
class Batch:
    results: tuple[Result, ...]
    pairing: Pairing


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run(files: Sequence[str], settings: Mapping[str, Any], *, jobs: int | None = None,
        timeout: float | None = DEFAULT_TIMEOUT, keep_reports: bool = False, previous_path: str | None = None,
        previous_settings: Any = None, stdin: bytes | None = None, progress: ProgressFactory | None = None) -> Batch:
    """Lint `files` and cross-check the pairs among them.

    `settings`: each file's `config.Settings` (what is used: `rules_for`, `severity_for`,
    `defaults`, `cross_year`); `jobs`: processes (None: every core); `timeout`: seconds per file
    (None or 0: none); `keep_reports`: keep the models in the results (`--format html`);
    `previous_path`: `--previous FILE`, read with `previous_settings`' defaults; `stdin`: the
    bytes of the file named `-`; `progress`: see `ProgressFactory`.
    """
    files = list(files)
    if keep_reports or previous_path is not None:
        return _with_reports(files, settings, timeout, previous_path, previous_settings, stdin, progress)
    state = _State.of(files, settings, timeout, stdin)
    workers = min(jobs or default_jobs(), len(files))
    pool = _Pool(workers, state) if workers > 1 else None
    worker = _Worker(state)
    try:
        if pool is not None:
            pool.start()  # fork before the progress bar's thread exists
        with progress(len(files)) if progress is not None else nullcontext(lambda n: None) as advance:
            found: list[tuple[Finding, ...]] = [()] * len(files)
            identities: list[Identity | Unidentified] = [Unidentified("")] * len(files)
            reports: list[bool] = [False] * len(files)

            def took(outcome: tuple) -> None:
                index, findings, identity, is_report = outcome
                found[index], identities[index], reports[index] = findings, identity, is_report

            items = [("lint", i) for i in range(len(files))]
            if pool is None:
                for item in items:
                    took(worker.do(item))
                    advance(1)
            else:
                pool.map(items, took, _chunk(len(items), workers), advance)
        pairing = pair_identities(files, identities)
        pairs = [("pair", i, j) for i, j in pairing.pairs() if worker.has_pair_rules(i)]

        def paired(outcome: tuple) -> None:
            index, findings = outcome
            if findings:
                found[index] = merged(found[index], findings)

        if pool is None or len(pairs) < 2:
            for item in pairs:
                paired(worker.do(item))
        else:
            pool.map(pairs, paired, _chunk(len(pairs), workers))
    finally:
        if pool is not None:
            pool.close()
    results = tuple(Result(Dropped(path, reports[i]), found[i]) for i, path in enumerate(files))
    return Batch(results, pairing)


def _chunk(count: int, workers: int) -> int:
    return max(1, min(CHUNK_MOST, count // (workers * 16)))


def _with_reports(files: list[str], settings: Mapping[str, Any], timeout: float | None, previous_path: str | None,
                  previous_settings: Any, stdin: bytes | None, progress: ProgressFactory | None) -> Batch:
    """In this process, every model kept: `lint.lint` on each file, then `lint.cross_check`."""
    results = []
    with progress(len(files)) if progress is not None else nullcontext(lambda n: None) as advance:
        for path in files:
            s = settings[path]
            results.append(lint(path, s.rules_for(path), stdin if path == "-" else None, severity=s.severity_for,
                                defaults=s.defaults, time_limit=timeout))
            advance(1)
    previous = None
    if previous_path is not None:
        previous = load_report(previous_path, defaults=previous_settings.defaults if previous_settings else None)
    checked, pairing = cross_check(results, lambda p: settings[p].rules_for(p),
                                   severity=lambda p: settings[p].severity_for,
                                   options=lambda p: settings[p].cross_year, previous=previous, time_limit=timeout)
    return Batch(checked, pairing)


# --------------------------------------------------------------------------- the work of one file or pair


@dataclass
class _State:
    """What a worker needs, sent once (inherited with `fork`): the paths, each one's settings as an
    index into the distinct settings (a folder's 10,000 files share a few), the time limit, the
    standard input's bytes."""

    paths: list[str]
    keys: list[int]
    settings: list[Any]
    timeout: float | None
    stdin: bytes | None

    @classmethod
    def of(cls, files: list[str], settings: Mapping[str, Any], timeout: float | None, stdin: bytes | None) -> _State:
        distinct: list[Any] = []
        index: dict[Any, int] = {}
        keys = []
        for path in files:
            s = settings[path]
            try:
                key = index.setdefault(s, len(distinct))
            except TypeError:  # unhashable settings: one each
                key = len(distinct)
            if key == len(distinct):
                distinct.append(s)
            keys.append(key)
        return cls(files, keys, distinct, timeout, stdin)


class _Worker:
    """Lints one file (`("lint", index)` → (index, findings, identity, is_report)) or cross-checks
    one pair (`("pair", index, previous index)` → (index, findings)); never raises."""

    def __init__(self, state: _State) -> None:
        self.state = state
        self._aliases: dict[int, Mapping[str, str]] = {}

    def settings(self, index: int) -> Any:
        return self.state.settings[self.state.keys[index]]

    def data(self, index: int) -> bytes | None:
        return self.state.stdin if self.state.paths[index] == "-" else None

    def aliases(self, index: int) -> Mapping[str, str]:
        key = self.state.keys[index]
        if key not in self._aliases:
            self._aliases[key] = self.settings(index).cross_year.aliases
        return self._aliases[key]

    def has_pair_rules(self, index: int) -> bool:
        path = self.state.paths[index]
        return any(is_cross_year(r) for r in self.settings(index).rules_for(path))

    def do(self, item: tuple) -> tuple:
        try:
            return self.lint(item[1]) if item[0] == "lint" else self.pair(item[1], item[2])
        except Exception as error:  # a defect outside what `lint` guards: the file's findings are lost, say so
            return failed(item, self.state.paths, *failure(error))

    def lint(self, index: int) -> tuple:
        path, s = self.state.paths[index], self.settings(index)
        result = lint(path, s.rules_for(path), self.data(index), severity=s.severity_for, defaults=s.defaults,
                      time_limit=self.state.timeout)
        try:
            identity = identify(result.report, self.aliases(index))
        except Exception as error:
            what, _ = failure(error)
            identity = Unidentified(f"识别机关和年度时出错（{what}）")
        return index, result.findings, identity, result.report.is_report

    def pair(self, index: int, last: int) -> tuple:
        path, last_path, s = self.state.paths[index], self.state.paths[last], self.settings(index)
        rules = [r for r in s.rules_for(path) if is_cross_year(r)]
        limit = limits.time_limit(self.state.timeout)
        try:
            with limit:
                report = load_report(path, self.data(index), s.defaults)
                previous = load_report(last_path, self.data(last), self.settings(last).defaults)
                if not (report.is_report and previous.is_report):  # changed since: nothing to compare
                    return index, ()
                return index, tuple(pair_findings(report, previous, rules, s.cross_year, s.severity_for))
        except limits.TimeLimitExceeded as exceeded:
            if exceeded.limit is not limit:
                raise
        return index, (pair_timed_out(path, last_path, limit.seconds),)


def failed(item: tuple, paths: Sequence[str], what: str, note: str | None = None) -> tuple:
    """The outcome of an item whose work failed outside the rules: one DL000 for its file."""
    path = paths[item[1]]
    if item[0] == "lint":
        message = f"检查该文件时出错（{what}），该文件的检查结果缺失；请报告此问题"
        return item[1], (internal_error(path, message, note),), Unidentified("检查时出错"), False
    message = f"与上一年度报告 {paths[item[2]]} 的跨年度检查出错（{what}），跨年度规则的结果缺失；请报告此问题"
    return item[1], (internal_error(path, message, note),)


# --------------------------------------------------------------------------- the process pool

_worker: _Worker | None = None  # in a worker process: set by `_start`


def _start(state: _State) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _worker = _Worker(state)


def _work(items: list[tuple]) -> list[tuple]:
    assert _worker is not None
    return [_worker.do(item) for item in items]


def _context():
    """`fork` on Linux (fast: the parent's modules and settings are inherited), `spawn` elsewhere
    (macOS's system libraries are not fork-safe; Windows has nothing else)."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Pool:
    """A process pool that gives every item an outcome: its worker's, or a DL000 when the worker
    died or hung on it."""

    def __init__(self, workers: int, state: _State) -> None:
        self.workers = workers
        self.state = state
        self._executor: ProcessPoolExecutor | None = None

    @property
    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=_start,
                                                 initargs=(self.state,))
        return self._executor

    def start(self) -> None:
        """Start the workers now (with `fork` all of them are forked at the first task)."""
        self.executor.submit(os.getpid)

    def close(self, kill: bool = False) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if kill:
            for process in list((getattr(executor, "_processes", None) or {}).values()):
                try:
                    process.kill()
                except (OSError, ValueError, AttributeError):
                    pass
        executor.shutdown(wait=not kill, cancel_futures=True)

    def _bound(self, items: Sequence[tuple]) -> float | None:
        """How long a task of these items may take before its worker is taken for stuck."""
        timeout = self.state.timeout
        if not timeout or timeout <= 0:
            return None
        return timeout * len(items) + WATCHDOG_GRACE

    def map(self, items: Sequence[tuple], took: Callable[[tuple], None], chunk: int,
            advance: Callable[[int], None] = lambda n: None) -> None:
        """Every item's outcome to `took` (in the order they finish)."""
        queue = deque(list(items[i:i + chunk]) for i in range(0, len(items), chunk))
        running: dict[Future, list[tuple]] = {}
        try:
            while queue or running:
                while queue and len(running) < self.workers * IN_FLIGHT:
                    task = queue.popleft()
                    running[self.executor.submit(_work, task)] = task
                done, _ = wait(running, timeout=self._bound(items[:chunk]), return_when=FIRST_COMPLETED)
                suspects: list[tuple] = []
                if not done:  # no task finished in time: a worker is stuck where the alarm cannot reach
                    self.close(kill=True)
                broken = not done
                for future in list(running if broken else done):
                    task = running.pop(future)
                    outcomes = _outcomes(future)
                    if outcomes is None:
                        suspects.extend(task)
                        broken = True
                        continue
                    for outcome in outcomes:
                        took(outcome)
                    advance(len(task))
                if broken:  # every task still out is lost with the pool: run them again, one at a time
                    for future, task in running.items():
                        outcomes = _outcomes(future) if future.done() else None
                        if outcomes is None:
                            suspects.extend(task)
                        else:
                            for outcome in outcomes:
                                took(outcome)
                            advance(len(task))
                    running.clear()
                    self.close(kill=True)
                    for item in sorted(suspects, key=lambda item: item[1]):
                        took(self._alone(item))
                        advance(1)
        except BaseException:
            self.close(kill=True)
            raise

    def _alone(self, item: tuple) -> tuple:
        """One item in a fresh pool: its outcome, or a DL000 if its worker dies or hangs again."""
        future = self.executor.submit(_work, [item])
        done, _ = wait([future], timeout=self._bound([item]))
        if not done:
            self.close(kill=True)
            return failed(item, self.state.paths, "工作进程无响应，已被终止")
        try:
            return future.result()[0]
        except BrokenProcessPool:
            self.close(kill=True)
            return failed(item, self.state.paths, "工作进程意外终止，可能是内存不足或程序崩溃")
        except Exception as error:  # the outcome could not be sent back (a plugin's finding that cannot be pickled)
            return failed(item, self.state.paths, *failure(error))


def _outcomes(future: Future) -> list[tuple] | None:
    """A finished task's outcomes; None if the task was lost (its pool broke, or its outcome could
    not be sent back)."""
    try:
        return future.result(timeout=0)
    except Exception:
        return None
