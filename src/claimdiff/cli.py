"""Command line: thin typer commands over the pipeline, the renderers, the evaluation and review.

Exit codes: 0 when no finding is at or above ``--fail-on``; 1 when some finding is; 2 on
a usage or input error, reported as one ``claimdiff: error: <message>`` line per
problem on stderr, without a traceback. Reports and JSON go to stdout or files;
summaries, warnings and errors go to stderr.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from claimdiff import __version__
from claimdiff.decisions import EDITOR_LIMIT, validate_editor
from claimdiff.errors import CheckerError, InputError
from claimdiff.evaluate import Evaluation, Gold, KindScore, evaluate, load_gold
from claimdiff.models import Report, Severity
from claimdiff.render import FILENAMES, RENDERERS, report_schema

__all__ = [
    "ExportFormat",
    "FailOn",
    "app",
    "exit_code",
    "format_evaluation",
    "main",
    "parse_formats",
    "summary",
]

DEFAULT_OUTPUT = "claimdiff-report"
DEFAULT_PORT = 8765
DEFAULT_FORMATS = "json,md,html"
STDOUT = "-"


class FailOn(StrEnum):
    """Lowest severity that makes ``check`` exit with 1; ``never`` always exits 0."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"
    NEVER = "never"


class ExportFormat(StrEnum):
    """Formats of the decision log ``export`` writes."""

    CSV = "csv"
    JSON = "json"


def _error(message: str) -> None:
    typer.echo(f"claimdiff: error: {message}", err=True)


def _warn(message: str) -> None:
    typer.echo(f"claimdiff: warning: {message}", err=True)


class _Group(TyperGroup):
    """Typer group that turns every expected failure into one-line errors and exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; exit (or return, if not standalone) with its code."""
        try:
            code = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except typer.TyperException as exc:
            # Usage errors (unknown option, bad value, missing argument) carry a context.
            context = getattr(exc, "ctx", None)
            message = " ".join(exc.format_message().split()).rstrip(".") + "."
            if context is not None:
                message += f" Try '{context.command_path} --help'."
            _error(message)
            code = 2
        except CheckerError as exc:
            for line in str(exc).splitlines() or [type(exc).__name__]:
                _error(line)
            code = 2
        except typer.Abort:
            _error("aborted")
            code = 1
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=_Group,
    name="claimdiff",
    help="Flag where news outlets disagree, with the exact sentences side by side.",
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"claimdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Flag where news outlets disagree, with the exact sentences side by side."""


def parse_formats(value: str) -> list[str]:
    """Return the output formats named in a comma-separated list, in order, deduplicated.

    Raises:
        typer.BadParameter: A format is unknown, or the list is empty.
    """
    formats = list(dict.fromkeys(part.strip().lower() for part in value.split(",")))
    formats = [fmt for fmt in formats if fmt]
    choices = ", ".join(RENDERERS)
    unknown = [fmt for fmt in formats if fmt not in RENDERERS]
    if unknown:
        names = ", ".join(repr(fmt) for fmt in unknown)
        raise typer.BadParameter(
            f"unknown format {names}; choose from {choices}", param_hint="'--format'"
        )
    if not formats:
        raise typer.BadParameter(f"no format given; choose from {choices}", param_hint="'--format'")
    return formats


def exit_code(report: Report, *, fail_on: FailOn) -> int:
    """Return 1 when some finding is at or above ``fail_on``, else 0."""
    if fail_on is FailOn.NEVER:
        return 0
    threshold = Severity(fail_on.value).rank
    return int(any(finding.severity.rank <= threshold for finding in report.findings))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary(report: Report, destination: str) -> str:
    """Return the one-line run summary for stderr.

    Example: ``5 documents, 40 claims, 3 findings (1 high, 2 info) -> out/report.md``.
    """
    counts = [
        f"{count} {severity.value}"
        for severity in Severity
        if (count := sum(f.severity is severity for f in report.findings))
    ]
    findings = _plural(len(report.findings), "finding")
    if counts:
        findings += f" ({', '.join(counts)})"
    documents = _plural(len(report.documents), "document")
    claims = _plural(report.statistics.claims, "claim")
    return f"{documents}, {claims}, {findings} -> {destination}"


def _run_check(
    paths: Sequence[Path], *, store_dir: Path | None = None, quiet: bool = True
) -> Report:
    """Run the pipeline on ``paths`` after checking that they all exist.

    With ``store_dir``, documents checked before are read from the store there; unless
    ``quiet``, a progress bar shows on stderr (when it is a terminal) for long runs.
    """
    missing = [f"{path}: no such file or directory" for path in paths if not path.exists()]
    if missing:
        raise InputError.collect(missing)
    # Imported on use: the pipeline loads spaCy, which `schema` and `--version` never need.
    from claimdiff.pipeline import check
    from claimdiff.progress import progress_bar
    from claimdiff.store import Store

    # The store opens before any work, so a bad store fails fast and nothing is written.
    store = Store.at(store_dir) if store_dir is not None else None
    try:
        with progress_bar(quiet=quiet) as progress:
            return check(paths, store=store, progress=progress)
    finally:
        if store is not None:
            store.close()


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a failure leaves the old file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # os.open (not mkstemp) so the report gets the usual umask permissions, not 0600.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_outputs(texts: dict[str, str], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt, text in texts.items():
        target = directory / FILENAMES[fmt]
        _write_atomic(target, text)
        written.append(target)
    return written


def _print_warnings(report: Report) -> None:
    for warning in report.warnings:
        for line in warning.splitlines():
            _warn(line)


PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="PATH...",
        help="Article files or folders (.txt, .md, .html, .json, .jsonl, corpus.toml).",
        show_default=False,
    ),
]


@app.command()
def check(
    paths: PathsArgument,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="DIR", help="Folder for the reports; '-' prints to stdout."
        ),
    ] = DEFAULT_OUTPUT,
    formats: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMATS",
            help=f"Comma-separated: {', '.join(RENDERERS)} (default {DEFAULT_FORMATS}; "
            "json with '-o -').",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when a finding is at or above this severity."),
    ] = FailOn.HIGH,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No summary line or progress bar (warnings and errors still show).",
        ),
    ] = False,
    store_dir: Annotated[
        Path | None,
        typer.Option(
            "--store",
            metavar="DIR",
            help="Keep what a check computed in DIR/claimdiff.sqlite; articles, shared "
            "copy and topics checked before are not processed again.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check articles for discrepancies and write the report."""
    if formats is None:
        formats = "json" if output == STDOUT else DEFAULT_FORMATS
    chosen = parse_formats(formats)
    if output == STDOUT and len(chosen) != 1:
        raise typer.BadParameter(
            f"'-o -' prints one format to stdout; got {', '.join(chosen)} (use --format json)",
            param_hint="'--output'",
        )
    report = _run_check(paths, store_dir=store_dir, quiet=quiet)
    texts = {fmt: RENDERERS[fmt](report) for fmt in chosen}
    _print_warnings(report)
    if output == STDOUT:
        typer.echo(texts[chosen[0]], nl=False)
        destination = "stdout"
    else:
        try:
            written = _write_outputs(texts, Path(output))
        except OSError as exc:
            where = exc.filename or output
            _error(f"{where}: cannot write the report: {exc.strerror or exc}")
            raise typer.Exit(2) from exc
        destination = ", ".join(str(path) for path in written)
    if not quiet:
        typer.echo(summary(report, destination), err=True)
    if output != STDOUT:
        _review_line(Path(output), report, quiet=quiet)
    raise typer.Exit(exit_code(report, fail_on=fail_on))


def _review_line(directory: Path, report: Report, *, quiet: bool) -> None:
    """Say how many editors' decisions in ``directory`` apply to the new findings."""
    from claimdiff.review import review_summary

    try:
        line = review_summary(directory, report)
    except CheckerError as exc:
        _warn(str(exc))  # the reports are written; a damaged review file never fails check
        return
    if line is not None and not quiet:
        typer.echo(f"claimdiff: {line}", err=True)


DirArgument = Annotated[
    Path,
    typer.Argument(
        metavar="DIR",
        help="Folder 'claimdiff check -o DIR' wrote (it holds report.json).",
        show_default=False,
    ),
]


EDITOR_ENV = "CLAIMDIFF_EDITOR"


def _editor(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_editor(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


@app.command()
def review(
    directory: DirArgument,
    editor: Annotated[
        str | None,
        typer.Option(
            "--editor",
            metavar="NAME",
            envvar=EDITOR_ENV,
            callback=_editor,
            show_envvar=True,
            help=f"Name or initials recorded with each decision (one line, up to "
            f"{EDITOR_LIMIT} printable characters). Without it decisions are recorded unnamed.",
        ),
    ] = None,
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, help="Port on 127.0.0.1; 0 picks a free one."),
    ] = DEFAULT_PORT,
    open_browser: Annotated[
        bool,
        typer.Option("--open/--no-browser", help="Open the page in the default browser."),
    ] = False,
) -> None:
    """Serve the report in DIR on 127.0.0.1 for editors to mark each finding."""
    import webbrowser

    from claimdiff.review import REPORT_FILE
    from claimdiff.server import ReviewServer, serve_until_interrupted
    from claimdiff.session import Review

    state = Review.load(directory, editor=editor or "")
    try:
        server = ReviewServer(
            state, port=port, log=lambda line: typer.echo(f"claimdiff: {line}", err=True)
        )
    except OSError as exc:
        raise InputError(
            f"127.0.0.1:{port}: cannot listen ({exc.strerror or exc}); "
            "pass another --port, or --port 0 for any free port"
        ) from exc
    typer.echo(server.url)
    findings = _plural(len(state.report.findings), "finding")
    who = f" as {state.editor}" if state.editor else ""
    typer.echo(
        f"claimdiff: reviewing {findings} of {directory / REPORT_FILE}{who}; decisions are "
        f"saved in {state.store.path} as they are made. Press Ctrl-C to stop.",
        err=True,
    )
    if not state.editor:
        _warn(
            f"no --editor given (nor {EDITOR_ENV}): decisions are recorded without a name; "
            "pass --editor NAME to sign them"
        )
    if open_browser and not webbrowser.open(server.url):
        _warn(f"could not open a browser; open {server.url}")
    serve_until_interrupted(server)
    typer.echo(f"claimdiff: review stopped; decisions are in {state.store.path}", err=True)


@app.command()
def export(
    directory: DirArgument,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Format of the decision log.")
    ] = ExportFormat.CSV,
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FILE", help="File to write; '-' prints to stdout."),
    ] = STDOUT,
) -> None:
    """Write every finding of DIR with its decision, note and history (CSV or JSON)."""
    from claimdiff.export import export_decisions
    from claimdiff.review import REPORT_FILE, REVIEW_FILE

    text = export_decisions(directory, fmt.value)
    if output == STDOUT:
        typer.echo(text, nl=False)
        return
    target = Path(output)
    kept = {(directory / name).resolve() for name in (REPORT_FILE, REVIEW_FILE)}
    if target.resolve() in kept:
        raise typer.BadParameter(
            f"{target} is the report or the decisions; write the export elsewhere",
            param_hint="'--output'",
        )
    try:
        _write_atomic(target, text)
    except OSError as exc:
        _error(f"{exc.filename or target}: cannot write the export: {exc.strerror or exc}")
        raise typer.Exit(2) from exc
    typer.echo(f"claimdiff: decision log ({fmt.value}) -> {target}", err=True)


@app.command("eval")
def eval_command(
    paths: PathsArgument,
    gold_path: Annotated[
        Path,
        typer.Option("--gold", metavar="GOLD.toml", help="Gold file of expected flags."),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the evaluation as JSON.")] = False,
) -> None:
    """Score the findings on PATHS against a gold file (precision and recall)."""
    gold = load_gold(gold_path)
    report = _run_check(paths)
    _print_warnings(report)
    evaluation = evaluate(report, gold)
    if as_json:
        typer.echo(evaluation.model_dump_json(indent=2))
    else:
        typer.echo(format_evaluation(evaluation, gold, report), nl=False)


@app.command()
def schema() -> None:
    """Print the JSON schema of the report."""
    typer.echo(report_schema(), nl=False)


def _score(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _items(items: Sequence[tuple[str, str]], joiner: str) -> str:
    return joiner.join(f'{doc_id} "{text}"' for doc_id, text in items)


_KIND_COLUMNS = ("flags", "found", "recall", "findings", "true", "false", "precision")


def _kind_row(row: KindScore) -> str:
    values = (
        str(row.flags),
        str(row.flags_found),
        _score(row.recall),
        str(row.findings),
        str(row.true_findings),
        str(row.false_findings),
        _score(row.precision),
    )
    return _columns(row.kind, values)


def _columns(first: str, values: Sequence[str]) -> str:
    cells = "  ".join(
        f"{value:>{len(name)}}" for value, name in zip(values, _KIND_COLUMNS, strict=True)
    )
    return f"{first:<20}  {cells}"


def format_evaluation(evaluation: Evaluation, gold: Gold, report: Report) -> str:
    """Return the evaluation as a compact plain-text table for the terminal."""
    lines = [
        f"flags found  {evaluation.flags_found}/{evaluation.flags}",
        f"precision    {evaluation.precision:.2f}  "
        f"({evaluation.true_findings} true of {_plural(evaluation.findings, 'scored finding')})",
        f"recall       {evaluation.recall:.2f}",
        "",
        _columns("kind", _KIND_COLUMNS),
    ]
    lines.extend(_kind_row(row) for row in evaluation.per_kind)

    flags = {flag.id: flag for flag in gold.flags}
    lines.append("")
    lines.append(f"missed flags: {len(evaluation.missed_flags) or 'none'}")
    for flag_id in evaluation.missed_flags:
        lines.append(f"  {flag_id}  {_items(flags[flag_id].evidence, ' + ')}")

    quiet = {item.id: item for item in gold.quiet}
    lines.append(f"violated quiet items: {len(evaluation.violated_quiet) or 'none'}")
    for quiet_id in evaluation.violated_quiet:
        by = ", ".join(evaluation.violations.get(quiet_id, []))
        lines.append(f"  {quiet_id}  {_items(quiet[quiet_id].pair, ' vs ')}; by {by}")

    findings = {finding.id: finding for finding in report.findings}
    lines.append(f"unmatched findings: {len(evaluation.unmatched_findings) or 'none'}")
    for finding_id in evaluation.unmatched_findings:
        finding = findings[finding_id]
        explanation = " ".join(finding.explanation.split())
        lines.append(
            f"  {finding_id}  {finding.severity.value} {finding.kind.value}"
            f" · {finding.topic}: {explanation}"
        )
    lines.extend(f"note: {note}" for note in evaluation.notes)
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the ``claimdiff`` command line (console-script entry point)."""
    app(prog_name="claimdiff")
