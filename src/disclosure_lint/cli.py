"""The command line: `disclosure-lint PATH...`, `disclosure-lint rule CODE`, `disclosure-lint dump PATH`.

Exit codes (as ruff): 0 nothing found, 1 findings reported, 2 usage or internal error (a DL000
finding: a rule failed, or a file ran past `--timeout`, its results missing). Errors are one line on
stderr, never a traceback.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from disclosure_lint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageProblem(click.UsageError):
    pass


class _DefaultToCheck(click.Group):
    """`disclosure-lint report.txt` means `disclosure-lint check report.txt`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="disclosure-lint", message="%(prog)s %(version)s",
                      help="显示版本号并退出。")
def cli() -> None:
    """检查政府信息公开工作年度报告 (lint government information disclosure annual reports).

    \b
    disclosure-lint 报告.txt              检查一份报告（即 check，选项见 check --help）
    disclosure-lint 报告目录/             检查目录下的全部报告
    disclosure-lint rule DL303            说明一条规则
    disclosure-lint dump 报告.txt         输出解析所得的表格与数字

    退出码：0 未发现问题，1 发现问题，2 用法或输入错误。
    """


@dataclass
class Inputs:
    """The files a run lints, and the paths named on the command line that do not exist."""

    files: list[str]
    missing: list[str]


def _walk(paths: tuple[str, ...], excluded=lambda path, root: False) -> Inputs:
    """Every report file under the paths (a folder recursively, hidden entries and files the
    configuration excludes skipped; a file named on the command line is always taken); a missing
    path is recorded, not fatal, so that one typo does not stop a reviewer's run."""
    from disclosure_lint.read import REPORT_SUFFIXES

    found = Inputs([], [])
    for raw in paths:
        path = Path(raw)
        if raw == "-" or (path.exists() and not path.is_dir()):
            found.files.append(raw)
        elif path.is_dir():
            found.files.extend(sorted(
                str(p) for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not any(
                    part.startswith(".") for part in p.relative_to(path).parts)
                and not excluded(str(p), path)
            ))
        else:
            found.missing.append(raw)
    return found


def _report_missing(missing: list[str]) -> None:
    for raw in missing:
        click.echo(f"disclosure-lint: 错误：路径不存在：{raw}", err=True)


def _need_files(inputs: Inputs, paths: tuple[str, ...]) -> None:
    if not inputs.files and not inputs.missing:
        raise UsageProblem(f"在 {'、'.join(paths)} 中没有找到报告文件（{'、'.join(_suffixes())}）")
    if not inputs.files:
        raise UsageProblem(f"路径不存在：{'、'.join(inputs.missing)}")


def _suffixes() -> tuple[str, ...]:
    from disclosure_lint.read import REPORT_SUFFIXES

    return REPORT_SUFFIXES


def _progress(count: int):
    """A progress bar on stderr when a person watches many files go by (`runner.ProgressFactory`),
    else None."""
    if count < 10 or not sys.stderr.isatty():
        return None
    from contextlib import contextmanager

    @contextmanager
    def bar(total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(TextColumn("检查中"), MofNCompleteColumn(), BarColumn(), console=Console(stderr=True),
                      transient=True) as progress:
            task = progress.add_task("lint", total=total)
            yield lambda n: progress.advance(task, n)

    return bar


FORMATS = ["text", "json", "sarif", "github", "junit", "html"]


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="输出格式：text、json、sarif（GitHub 代码扫描）、github（工作流注释）、junit")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="写入此文件（整体替换，不留半截文件）")
@click.option("--select", multiple=True, metavar="CODES", help="只检查这些规则代码或前缀，如 DL1,DL203")
@click.option("--extend-select", multiple=True, metavar="CODES", help="在配置的规则之外再检查这些")
@click.option("--ignore", multiple=True, metavar="CODES", help="不检查这些规则代码或前缀")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="多严重的问题使退出码为 1（默认：任何问题）")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="使用这个配置文件（不再向上查找）")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件")
@click.option("--show-settings", is_flag=True, help="显示生效的设置及其来源，不检查")
@click.option("--no-frames", is_flag=True, help="不显示源文本片段 (no code frames)")
@click.option("--statistics", is_flag=True, help="按规则汇总：每条规则涉及多少个文件、多少处")
@click.option("--quiet", "-q", is_flag=True, help="text 格式只输出问题，不输出汇总行")
@click.option("--previous", "previous_path", type=click.Path(dir_okay=False), metavar="FILE",
              help="上一年度的报告：与之作跨年度检查（DL6）")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="同时检查的进程数（默认：全部 CPU 核心；1 为单进程）")
@click.option("--timeout", type=click.FloatRange(min=0), default=60, show_default=True, metavar="SECONDS",
              help="每个文件的检查时限（秒），超时的文件报告为 DL000；0 为不限")
def check(paths: tuple[str, ...], output_format: str, output_file: str | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None, config_path: str | None,
          isolated: bool, show_settings: bool, no_frames: bool, statistics: bool, quiet: bool,
          previous_path: str | None, jobs: int | None, timeout: float) -> int:
    """检查报告文件或目录；PATH 为 - 时从标准输入读取。"""
    from disclosure_lint.config import CliOptions, ConfigError, Resolver, show
    from disclosure_lint.output.statistics import OutputUsageError, check_statistics_format
    from disclosure_lint.registry import RegistryError

    if statistics:
        try:
            check_statistics_format(output_format)
        except OutputUsageError as error:
            raise UsageProblem(str(error)) from error
    options = CliOptions(select=_split(select), extend_select=_split(extend_select), ignore=_split(ignore),
                         fail_on=fail_on)
    resolver = Resolver(config=config_path, isolated=isolated, cli=options)  # each folder's configuration once

    def settings_for(path: str):
        try:
            return resolver(None if path == "-" else Path(path))
        except (ConfigError, RegistryError) as error:
            raise UsageProblem(str(error)) from error

    if show_settings:
        click.echo(show(settings_for(paths[0])), nl=False)
        return EXIT_CLEAN
    inputs = _walk(paths, lambda path, root: settings_for(path).excluded(path, root=root))
    _need_files(inputs, paths)
    settings = {path: settings_for(path) for path in inputs.files}
    if previous_path is not None:
        if len(inputs.files) != 1:
            raise UsageProblem("--previous 只能与一个报告文件同用")
        if not Path(previous_path).is_file():
            raise UsageProblem(f"路径不存在：{previous_path}")
    from disclosure_lint import runner

    # --format html shows every report's tables: it keeps the models, in this process (--jobs unused).
    batch = runner.run(inputs.files, settings, jobs=jobs, timeout=timeout, keep_reports=output_format == "html",
                       previous_path=previous_path,
                       previous_settings=settings_for(previous_path) if previous_path is not None else None,
                       stdin=sys.stdin.buffer.read() if "-" in inputs.files else None,
                       progress=_progress(len(inputs.files)))
    results, pairing = list(batch.results), batch.pairing
    out = _render(output_format, results, settings, statistics, no_frames, quiet, to_file=output_file is not None)
    if output_file is not None:
        from disclosure_lint.output.write import OutputWriteError, write_atomic

        try:
            write_atomic(output_file, out)
        except OutputWriteError as error:
            raise UsageProblem(str(error)) from error
    elif out:
        click.echo(out, nl=not out.endswith("\n"))
    for line in pairing.warnings():
        click.echo(f"disclosure-lint: 注意：{line}", err=True)
    _report_missing(inputs.missing)
    from disclosure_lint.lint import INTERNAL_ERROR

    if inputs.missing or any(f.code == INTERNAL_ERROR for r in results for f in r.findings):
        return EXIT_ERROR  # a path missing, or a result missing (DL000): never taken for a clean run
    failing = any(settings[r.path].fails(f.severity) for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_CLEAN


def _render(output_format: str, results: list, settings: dict, statistics: bool, no_frames: bool, quiet: bool,
            to_file: bool) -> str:
    """The run's output in the chosen format, as one string."""
    if output_format == "json":
        from disclosure_lint.output.json import render

        return render(results, statistics=statistics)
    if output_format == "sarif":
        from disclosure_lint.output import sarif

        rules = _rules_shown(results, settings)
        return sarif.render(results, tuple(sorted(rules.values(), key=lambda r: r.code)), statistics=statistics)
    if output_format == "html":
        from disclosure_lint.output import html

        return html.render(results, tuple(_rules_shown(results, settings).values()))
    if output_format == "github":
        from disclosure_lint.output import github

        return github.render(results)
    if output_format == "junit":
        from disclosure_lint.output import junit

        return junit.render(results, statistics=statistics)
    import io

    from rich.console import Console

    from disclosure_lint.output.text import render, render_statistics

    buffer = io.StringIO() if to_file else None
    console = Console(highlight=False, file=buffer, no_color=to_file, width=100 if to_file else None)
    if statistics:
        render_statistics(results, console)
    else:
        render(results, console, show_frames=not no_frames, summary_line=not quiet)
    return buffer.getvalue() if buffer is not None else ""


def _rules_shown(results: list, settings: dict) -> dict:
    """The rules the output describes: those selected, and DL000 when it was reported (it always is)."""
    from disclosure_lint.lint import INTERNAL_ERROR
    from disclosure_lint.registry import rule_by_code

    rules = {r.code: r for s in settings.values() for r in s.rules_for(None)}
    if INTERNAL_ERROR not in rules and any(f.code == INTERNAL_ERROR for r in results for f in r.findings):
        internal = rule_by_code(INTERNAL_ERROR)
        if internal is not None:
            rules[INTERNAL_ERROR] = internal
    return rules


@cli.command("rule")
@click.argument("code", required=False, metavar="[CODE|PREFIX]")
@click.option("--markdown", is_flag=True,
              help="以 Markdown 输出规则说明（不带参数时为内置规则，docs/rules.md 即由此生成）")
def rule(code: str | None, markdown: bool) -> int:
    """列出全部规则；说明一条规则（DL303 或 balance）或一组规则（前缀，如 DL3、FJ）。"""
    from disclosure_lint.output.docs import UnknownRule, explain, rule_table, rules_for, rules_markdown
    from disclosure_lint.registry import RegistryError, all_rules, builtin_rules

    try:
        if markdown:
            click.echo(rules_markdown(builtin_rules() if code is None else rules_for(code)), nl=False)
        elif code is None:
            click.echo(rule_table(all_rules()), nl=False)
        else:
            click.echo(explain(code), nl=False)
    except (RegistryError, UnknownRule) as error:
        raise UsageProblem(str(error)) from error
    return EXIT_CLEAN


@cli.command("dump")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="输出格式：json（解析所得的模型）或 csv（每份报告每个单元格一行，UTF-8 带 BOM，Excel 可直接打开）")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="写入此文件（整体替换，不留半截文件）")
def dump(paths: tuple[str, ...], output_format: str, output_file: str | None) -> int:
    """以 JSON 输出解析所得的报告模型：各部分、各表格、每个单元格的值与位置，以及跨年度配对（多个文件或目录时为数组）。"""
    import json

    from disclosure_lint.config import ConfigError, Resolver
    from disclosure_lint.lint import load_report
    from disclosure_lint.output.dump import as_dict
    from disclosure_lint.pairing import pair_reports

    inputs = _walk(paths)
    _need_files(inputs, paths)
    resolver = Resolver()

    def settings(path: str):
        try:
            return resolver(None if path == "-" else Path(path))
        except ConfigError as error:
            raise UsageProblem(str(error)) from error

    resolved = [settings(p) for p in inputs.files]
    reports = [load_report(p, sys.stdin.buffer.read() if p == "-" else None, s.defaults)
               for p, s in zip(inputs.files, resolved)]
    if output_format == "csv":
        from disclosure_lint.output import csv

        out = csv.render(reports)
    else:
        pairing = pair_reports(reports, [s.cross_year.aliases for s in resolved])
        dumped = [{**as_dict(r), "pairing": pairing.report_dict(i)} for i, r in enumerate(reports)]
        single = len(paths) == 1 and len(inputs.files) == 1 and not Path(paths[0]).is_dir()
        out = json.dumps(dumped[0] if single else dumped, ensure_ascii=False, indent=2) + "\n"
    if output_file is not None:
        from disclosure_lint.output.write import OutputWriteError, write_atomic

        try:
            write_atomic(output_file, out)
        except OutputWriteError as error:
            raise UsageProblem(str(error)) from error
    else:
        # Bytes keep the CSV's BOM and CRLF whatever the console's encoding.
        sys.stdout.flush()
        sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.buffer.flush()
    _report_missing(inputs.missing)
    return EXIT_ERROR if inputs.missing else EXIT_CLEAN


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def main(argv: list[str] | None = None) -> None:
    from disclosure_lint.cli_messages import install

    install()
    try:
        code = cli.main(args=argv, prog_name="disclosure-lint", standalone_mode=False)
    except click.exceptions.Exit as done:
        code = done.exit_code
    except click.ClickException as error:
        click.echo(f"disclosure-lint: 错误：{error.format_message()}", err=True)
        code = EXIT_ERROR
    except click.exceptions.Abort:
        code = EXIT_ERROR
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = EXIT_ERROR
    except Exception as error:  # never a traceback for the user
        click.echo(f"disclosure-lint: 内部错误：{type(error).__name__}: {error}", err=True)
        code = EXIT_ERROR
    if argv is None:  # the console script, about to exit: spare the collector its last pass (~20 ms)
        import gc

        gc.freeze()
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)
