"""Headless commands: everything a user can do without a window, using core only."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.errors import (
    DamagedFileError,
    MutualityError,
    NewerVersionError,
    NotOurFileError,
    PassphraseError,
)
from .core.validation import printable

EXIT_CODES = ((NotOurFileError, 2), (DamagedFileError, 3), (NewerVersionError, 4), (PassphraseError, 5))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mutuality-desktop",
        description="Mutuality Desktop: run value-for-money and mutuality assessment workshops. "
        "Without a command, starts the app (optionally on FILE).",
    )
    p.add_argument("--version", action="version", version=f"Mutuality Desktop {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write the demo engagement to a file")
    demo.add_argument("-o", "--output", required=True, type=Path)
    check = sub.add_parser("check", help="check an engagement file and summarise it in one line")
    check.add_argument("file", type=Path)
    report = sub.add_parser("report", help="write the PDF report (to OUT.html: the HTML edition)")
    report.add_argument("file", type=Path)
    report.add_argument("-o", "--output", required=True, type=Path)
    report.add_argument("--round", dest="round_label", help="round to report (default: the latest)")
    report.add_argument("--letter", action="store_true", help="US Letter instead of A4")
    report.add_argument("--template", type=Path, metavar="HOUSE.docx",
                        help="for a .docx report: the consultancy's Word template (.docx or .dotx)")
    report.add_argument("--audit-trail", action="store_true",
                        help="add every recorded change as an appendix (PDF edition)")
    report.add_argument("--guide", choices=("assessed", "all", "none"), default="assessed",
                        help="scoring-guide appendix: the dimensions assessed (default), all, or none")
    report.add_argument("--no-comparison", action="store_true", help="leave out the round comparison")
    report.add_argument("--no-actions", action="store_true", help="leave out the action plan")
    report.add_argument("--no-parking", action="store_true", help="leave out the points parked")
    report.add_argument("--no-participants", action="store_true", help="leave out the participants")
    export = sub.add_parser("export", help="write a copy for email (earlier note wording left out, with a checksum)")
    export.add_argument("file", type=Path)
    export.add_argument("-o", "--output", required=True, type=Path)
    export.add_argument("--passphrase-env", metavar="VAR",
                        help="protect the copy with the passphrase held in environment variable VAR")
    table = sub.add_parser("csv", help="write the scores (or the actions) as CSV for a spreadsheet")
    table.add_argument("file", type=Path)
    table.add_argument("-o", "--output", required=True, type=Path)
    table.add_argument("--actions", action="store_true", help="the action plan instead of the scores")
    as_json = sub.add_parser("json", help="write the engagement as JSON (docs/json-format.md)")
    as_json.add_argument("file", type=Path)
    as_json.add_argument("-o", "--output", type=Path, help="JSON file to write (default: the screen)")
    new = sub.add_parser("new", help="create an engagement file from its JSON form")
    new.add_argument("--from-json", dest="source", required=True, type=Path, metavar="IN")
    new.add_argument("-o", "--output", required=True, type=Path)
    apply = sub.add_parser("apply", help="apply a JSON list of operations, all or nothing")
    apply.add_argument("file", type=Path)
    apply.add_argument("operations", type=Path, metavar="OPS.json")
    apply.add_argument("--author", help="the name the history records (default: your user name)")
    scope = sub.add_parser("scope", help="show, or set, the dimensions a round covers")
    scope.add_argument("file", type=Path)
    scope.add_argument("--round", dest="round_label", help="the round (default: the latest)")
    scope.add_argument("--dimensions", metavar="ID,ID",
                       help="set the round's dimensions (ids as in `json`); 'default' clears the choice")
    scope.add_argument("--exclude-factors", metavar="ID,ID",
                       help="leave these factors of the round's dimensions out (ids as in `json`); "
                            "'none' brings them all back")
    plan = sub.add_parser("triage", help="which factors first: those to discuss, and those to confirm quickly")
    plan.add_argument("file", type=Path)
    plan.add_argument("--round", dest="round_label", help="the round to plan (default: the latest)")
    from .cli_not_applicable import add_parser as add_not_applicable

    add_not_applicable(sub)
    from .cli_framework import add_parser as add_framework

    add_framework(sub)
    history = sub.add_parser("history", help="list the changes recorded in an engagement file")
    history.add_argument("file", type=Path)
    history.add_argument("--factor", help="only the changes to one factor (its id)")
    history.add_argument("--newest-first", action="store_true",
                         help="the latest change first, as Edit → History… lists them (default: oldest first)")
    _office_parsers(sub)
    merge = sub.add_parser("merge", help="merge two copies of one engagement into a new file")
    merge.add_argument("ours", type=Path, metavar="OURS")
    merge.add_argument("theirs", type=Path, metavar="THEIRS")
    merge.add_argument("-o", "--output", required=True, type=Path, metavar="OUT")
    merge.add_argument("--prefer", choices=("ours", "theirs"),
                       help="decide every conflict for this side (recorded in the history)")
    merge.add_argument("--author", help="the name the history records (default: your user name)")
    merge.add_argument("--passphrase-env", metavar="VAR",
                       help="the passphrase of protected copies, held in environment variable VAR")
    _prework_parser(sub)
    from .cli_parking import add_parsers as _parking_parsers

    _parking_parsers(sub)
    return p


def _office_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The Excel workbook and the PowerPoint deck (the Word report is `report -o OUT.docx`)."""
    for name, what in (("xlsx", "write an Excel workbook: scores, actions, rounds, native radar charts"),
                       ("pptx", "write a 16:9 PowerPoint deck for the partnership board")):
        office = sub.add_parser(name, help=what)
        office.add_argument("file", type=Path)
        office.add_argument("-o", "--output", required=True, type=Path)
        office.add_argument("--round", dest="round_label", help="last round to include (default: the latest)")


def _prework_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    prework = sub.add_parser("prework", help="pre-work forms out to participants, their returns in")
    steps = prework.add_subparsers(dest="prework_command", required=True)
    forms = steps.add_parser("forms", help="write one Excel form per client and provider participant")
    forms.add_argument("file", type=Path)
    forms.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    forms.add_argument("--round", dest="round_label", help="round the forms are for (default: the latest)")
    imp = steps.add_parser("import", help="import returned forms, all or nothing")
    imp.add_argument("file", type=Path)
    imp.add_argument("returns", type=Path, nargs="+", metavar="RETURN.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="show what would be imported, change nothing")
    imp.add_argument("--author", help="the name the history records (default: your user name)")


def run(argv: Sequence[str]) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:
        return _quiet_broken_pipe()


def _quiet_broken_pipe() -> int:
    """End quietly when the reader of stdout has gone (`… | head`), as Unix tools do.

    Later writes and the interpreter's last flush go to the null device, so no second
    error is printed; the exit status is the shell's for a pipe closed under a writer.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return 128 + 13  # 128 + SIGPIPE


def _run(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    try:
        code = int(COMMANDS[args.command](args))
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        raise
    except MutualityError as exc:
        print(printable(f"{exc}"), file=sys.stderr)
        for kind, code in EXIT_CODES:
            if isinstance(exc, kind):
                return code
        return 1
    except OSError as exc:  # an output folder that is missing or read-only, a full disk
        where = f" ({exc.filename})" if exc.filename else ""
        print(printable(f"The file could not be written{where}: {exc.strerror or exc}."),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def cmd_demo(args: argparse.Namespace) -> int:
    from .core.demo import build_demo

    out: Path = args.output
    if out.exists():
        out.unlink()
    with build_demo(out) as eng:
        info = eng.info()
    print(f"Wrote the demo engagement '{info.title}' to {out}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .core.summary import summarise

    print(printable(summarise(args.file)))  # file text never moves or colours the terminal
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() == ".docx":
        return cmd_office(args)
    if args.template is not None:
        print("--template is for a Word report: give an output ending in .docx.", file=sys.stderr)
        return 1
    from .core.report import ReportOptions, build_html_file, build_report_file

    options = ReportOptions(comparison=not args.no_comparison, actions=not args.no_actions,
                            participants=not args.no_participants, guide=args.guide,
                            parking=not args.no_parking)
    if args.output.suffix.lower() in (".html", ".htm"):  # the accessible HTML edition
        warnings = build_html_file(args.file, args.output, round_label=args.round_label,
                                   options=options)
    else:
        warnings = build_report_file(args.file, args.output, round_label=args.round_label,
                                     page_size="letter" if args.letter else "a4", options=options,
                                     audit_trail=args.audit_trail)
    for warning in warnings:
        print(printable(f"Warning: {warning}"), file=sys.stderr)
    print(f"Wrote the report to {args.output}")
    return 0


def _env_passphrase(args: argparse.Namespace) -> tuple[bool, str | None]:
    """The passphrase from the environment variable named by --passphrase-env (None without one);
    False, said on stderr, when that variable is empty."""
    import os

    if not args.passphrase_env:
        return True, None
    passphrase = os.environ.get(args.passphrase_env)
    if not passphrase:
        print(f"The environment variable {args.passphrase_env} is empty.", file=sys.stderr)
        return False, None
    return True, passphrase


def cmd_export(args: argparse.Namespace) -> int:

    from .core.exchange import export_file

    ok, passphrase = _env_passphrase(args)
    if not ok:
        return 1
    export_file(args.file, args.output, passphrase=passphrase)
    print(f"Wrote a copy for email to {args.output}")
    return 0


def cmd_csv(args: argparse.Namespace) -> int:
    from .core.engagement import Engagement
    from .core.tables import write_csv

    what = "actions" if args.actions else "scores"
    with Engagement.open(args.file, readonly=True) as engagement:
        rows = write_csv(engagement, args.output, what)
    print(f"Wrote {rows} {'actions' if args.actions else 'factor rows'} to {args.output}")
    return 0


def cmd_office(args: argparse.Namespace) -> int:
    """Write the Word report, the Excel workbook or the PowerPoint deck of an engagement file."""
    from .core.office.deck import write_pptx_file
    from .core.office.word import write_docx_file
    from .core.office.workbook import write_xlsx_file

    if args.command == "report":
        warnings, what = write_docx_file(args.file, args.output, args.round_label, args.template), "Word report"
    elif args.command == "xlsx":
        warnings, what = write_xlsx_file(args.file, args.output, args.round_label), "workbook"
    else:
        warnings, what = write_pptx_file(args.file, args.output, args.round_label), "board deck"
    for warning in warnings:
        print(f"Warning: {warning}", file=sys.stderr)
    print(f"Wrote the {what} to {args.output}")
    return 0


def cmd_json(args: argparse.Namespace) -> int:
    from .core.engagement import Engagement
    from .core.exchange import _write_atomically
    from .core.jsonio import dumps, engagement_json

    with Engagement.open(args.file, readonly=True) as engagement:
        data = engagement_json(engagement)
    if args.output is None:
        sys.stdout.write(dumps(data, ascii_only=True))
        return 0
    _write_atomically(args.output, dumps(data).encode("utf-8"))
    print(f"Wrote the engagement as JSON to {args.output}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .core.jsonio import create_from_json, load_json_file

    data = load_json_file(args.source, "a Mutuality engagement in JSON")
    with create_from_json(data, args.output) as engagement:
        title = engagement.info().title
    print(f"Created the engagement '{_printable(title)}' in {args.output}")
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    from .core.engagement import Engagement
    from .core.jsonio import load_json_file
    from .core.opsjson import apply_json_operations

    items = load_json_file(args.operations, "a list of operations")
    with Engagement.open(args.file) as engagement:
        if engagement.readonly:
            print(f"{args.file.name} cannot be changed: {engagement.read_only_reason}.", file=sys.stderr)
            return 1
        if args.author:
            engagement.author = args.author.strip()[:200] or engagement.author
        changes = apply_json_operations(engagement, items)
    print(f"Applied {len(changes)} operation{'s' if len(changes) != 1 else ''} to {args.file}")
    return 0


def cmd_scope(args: argparse.Namespace) -> int:
    from .core.engagement import Engagement
    from .core.scope import scope_factors

    changing = args.dimensions is not None or args.exclude_factors is not None
    with Engagement.open(args.file, readonly=not changing) as engagement:
        rnd = engagement.round_by_label(args.round_label) if args.round_label else engagement.rounds()[-1]
        if changing and engagement.readonly:
            print(f"{args.file.name} cannot be changed: {engagement.read_only_reason}.", file=sys.stderr)
            return 1
        if args.exclude_factors is not None:
            given = args.exclude_factors.strip()
            left_out = [] if given == "none" else [f.strip() for f in given.split(",") if f.strip()]
            engagement.set_excluded_factors(rnd.id, left_out)
        if args.dimensions is not None:
            if engagement.readonly:
                print(f"{args.file.name} cannot be changed: {engagement.read_only_reason}.",
                      file=sys.stderr)
                return 1
            given = args.dimensions.strip()
            chosen = [] if given == "default" else [d.strip() for d in given.split(",") if d.strip()]
            engagement.set_scope(rnd.id, chosen)
        names = {d.id: d.name for d in engagement.framework.dimensions}
        scope = engagement.scope(rnd.id)
        how = "chosen" if engagement.chosen_scope(rnd.id) else "default: the dimensions scored, else Mutuality"
        fw = engagement.framework
        excluded = engagement.excluded_factors(rnd.id)
        left_out = [f for f in fw.factors if f.id in excluded and f.dimension_id in scope]
        covered = len(scope_factors(engagement, rnd.id))
    listed = ", ".join(f"{names[d]} ({d})" for d in scope)
    print(_printable(f"{rnd.label}: {listed} [{how}]; {covered} factors"))
    if left_out:
        print(_printable("Left out: " + ", ".join(f"{f.name} ({f.id})" for f in left_out)))
    return 0


def cmd_triage(args: argparse.Namespace) -> int:
    from .core.engagement import Engagement
    from .core.triage import triage

    with Engagement.open(args.file, readonly=True) as engagement:
        rnd = engagement.round_by_label(args.round_label) if args.round_label else engagement.rounds()[-1]
        lines = triage(engagement, rnd.id).lines()
    for line in lines:
        print(_printable(line))
    return 0


def cmd_not_applicable(args: argparse.Namespace) -> int:
    from .cli_not_applicable import cmd

    return cmd(args)


def cmd_history(args: argparse.Namespace) -> int:
    from .core.engagement import Engagement
    from .core.history_sentences import history_sentences

    with Engagement.open(args.file, readonly=True) as engagement:
        lines = history_sentences(engagement, factor=args.factor)
    for line in reversed(lines) if args.newest_first else lines:
        print(_printable(line))
    if not lines:
        print("No changes are recorded in this file yet.")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:

    from .core.merge_files import merge_files

    ok, passphrase = _env_passphrase(args)
    if not ok:
        return 1
    plan, conflicts = merge_files(args.ours, args.theirs, args.output, prefer=args.prefer,
                                  author=args.author, passphrase=passphrase)
    if conflicts:
        for line in conflicts:
            print(_printable(line))
        print(f"{len(conflicts)} conflict{'s' if len(conflicts) != 1 else ''}: nothing was written. "
              "Decide them in the app (File → Merge a copy…) or run again with --prefer ours or "
              "--prefer theirs.", file=sys.stderr)
        return 1
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    decided = f", {count(len(plan.conflicts), 'conflict')} decided for {args.prefer}" \
        if plan.conflicts else ""
    print(f"Merged {count(len(plan.theirs.new), 'change')} from {_printable(args.theirs.name)} "
          f"({count(len(plan.take), 'field')} taken{decided}) into {args.output}")
    return 0


def cmd_prework(args: argparse.Namespace) -> int:
    from .core.engagement import Engagement
    from .core.prework.forms import write_forms
    from .core.prework.returns import apply_import, plan_import

    if args.prework_command == "forms":
        from .core.prework.contacts import participant_emails

        with Engagement.open(args.file, readonly=True) as engagement:
            written = write_forms(engagement, args.output, args.round_label)
            emails = participant_emails(engagement)
        for form in written:
            to = emails.get(form.participant.id, "no email address in Setup")
            print(_printable(f"{form.participant.name} ({form.participant.side}, {to}): {form.path}"))
        print(f"Wrote {len(written)} pre-work form{'s' if len(written) != 1 else ''} to {args.output}")
        return 0
    with Engagement.open(args.file, readonly=args.dry_run) as engagement:
        if engagement.readonly and not args.dry_run:
            print(f"{args.file.name} cannot be changed: {engagement.read_only_reason}.", file=sys.stderr)
            return 1
        plan = plan_import(engagement, args.returns)
        for line in plan.lines():
            print(_printable(line))
        if args.dry_run:
            n = len(plan.operations)
            print(f"Dry run: {n} answer{'s' if n != 1 else ''} would be imported; nothing was changed.")
            return 0
        if args.author:
            engagement.author = args.author.strip()[:200] or engagement.author
        changes = apply_import(engagement, plan)
    print(f"Imported {len(changes)} answer{'s' if len(changes) != 1 else ''} into {args.file}")
    return 0


def _printable(text: str) -> str:
    """Text from a file, safe for a terminal: no control or direction-changing characters."""
    import unicodedata

    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\t")


COMMANDS = {"demo": cmd_demo, "check": cmd_check, "report": cmd_report, "export": cmd_export,
            "csv": cmd_csv, "json": cmd_json, "new": cmd_new, "apply": cmd_apply,
            "history": cmd_history, "xlsx": cmd_office, "pptx": cmd_office,
            "merge": cmd_merge, "prework": cmd_prework,
            "scope": cmd_scope, "triage": cmd_triage}
from .cli_parking import cmd_agenda, cmd_parking  # noqa: E402  (the parking list and the agenda)

COMMANDS.update({"parking": cmd_parking, "agenda": cmd_agenda, "not-applicable": cmd_not_applicable})
from .cli_framework import cmd as cmd_framework  # noqa: E402  (moving to a newer guide, issue 21)

COMMANDS["framework"] = cmd_framework
