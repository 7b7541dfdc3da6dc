"""Human output: `path:line:col: CODE message`, a code frame, and a summary in Chinese."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape

from disclosure_lint.lint import Result
from disclosure_lint.output.frame import frame_lines
from disclosure_lint.output.statistics import rule_statistics
from disclosure_lint.rule import Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


def render(results: Iterable[Result], console: Console, show_frames: bool = True, summary_line: bool = True) -> None:
    results = list(results)
    for result in results:
        for f in result.findings:
            console.print(
                f"[bold]{escape(f.path)}:{escape(f.where())}:[/] [{_STYLE[f.severity]}]{f.code}[/] {escape(f.message)}",
                soft_wrap=True,
            )
            if not show_frames:
                continue
            frame = frame_lines(f.position, f.length, f.note, console.width)
            width = max((len(g) for g, _, _ in frame), default=0)
            for gutter, text, kind in frame:
                style = _STYLE[f.severity] if kind == "caret" else ""
                body = f"[{style}]{escape(text)}[/]" if style and text else escape(text)
                console.print(f"[blue]{gutter.rjust(width)} |[/] {body}".rstrip(), soft_wrap=True, highlight=False)
    if summary_line:
        console.print(summary(results), soft_wrap=True, highlight=False)


def render_statistics(results: Iterable[Result], console: Console) -> None:
    """One line per rule: how many reports break it and how often — what a reviewer reports upward."""
    results = list(results)
    for stat in rule_statistics(results):
        console.print(f"[{_STYLE[stat.severity]}]{stat.code}[/] {stat.name:<24} {stat.files:>4} 个文件 {stat.count:>5} 处",
                      highlight=False)
    console.print(summary(results), soft_wrap=True, highlight=False)


def summary(results: list[Result]) -> str:
    findings = [f for r in results for f in r.findings]
    errors = sum(1 for f in findings if f.severity == Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity == Severity.WARNING)
    infos = len(findings) - errors - warnings
    files = len(results)
    failing = sum(1 for r in results if r.findings)
    counts = f"错误 {errors}，警告 {warnings}" + (f"，提示 {infos}" if infos else "")
    if not findings:
        return f"未发现问题（检查了 {files} 个文件）。"
    first = min(findings, key=lambda f: (f.severity != Severity.ERROR, f.code)).code
    hint = f"运行 `disclosure-lint rule {first}` 查看说明。"
    if files == 1:
        return f"发现 {len(findings)} 个问题（{counts}），涉及 1 个文件。{hint}"
    return f"{files} 个文件：{files - failing} 个通过，{failing} 个有问题（{counts}）。{hint}"
