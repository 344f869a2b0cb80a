"""The command line: open a network, make the demo, check a file, export minutes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ln_tui import __version__
from ln_tui.i18n import LANGUAGES, Nn_, _, detect_language, ngettext, set_language
from ln_tui.settings import Settings, default_network_path

if TYPE_CHECKING:
    from ln_tui.model import Audience, Meeting, Member
    from ln_tui.store import NetworkStore

SCREENS = ("network", "roster", "kickoff", "discussion", "evaluation", "minutes", "agenda")
COMMANDS = ("demo", "check", "export", "restore", "members", "present", "serve", "room", "new")


class CliError(Exception):
    """A problem to tell the user in one sentence, with a non-zero exit."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise CliError(message)


def installed_version() -> str:
    """The version of the installed package, from its metadata (the source's own when not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ln-tui")
    except PackageNotFoundError:
        return __version__


class VersionAction(argparse.Action):
    """`--version`: the metadata is read only when asked, not at every start."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"ln-tui {installed_version()}")
        parser.exit()


def _choose_language(argv: list[str], settings: Settings) -> list[str]:
    """Set the language from --lang, the saved setting or the locale; return argv without --lang."""
    language, rest = "", []
    arguments = iter(argv)
    for arg in arguments:
        if arg == "--lang":
            language = next(arguments, "")
        elif arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    if language and language not in LANGUAGES:
        raise CliError(_("unknown language {language}; choose en or nl.").format(language=language))
    if not language:
        language = settings.language if settings.language in LANGUAGES else detect_language()
    set_language(language)
    return rest


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=_("the language of the app (en or nl)"))


def build_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    main = Parser(
        prog="ln-tui",
        description=_("Run a learning network from the terminal."),
        epilog=_(
            "Other commands: ln-tui demo FILE | check FILE | export FILE [--member NAME] | new NEWFILE --from OLDFILE | restore FILE "
            "| members import FILE CSV | members export FILE [NAME] | members forget FILE NAME "
            "| present FILE | serve FILE | room FILE (add --help to any of them)."
        ),
    )
    main.add_argument(
        "file",
        nargs="?",
        type=Path,
        help=_("the network file to open (default: {path})").format(path=default_network_path()),
    )
    main.add_argument(
        "--screen", choices=SCREENS, help=_("the screen to start on (default: the one shown last for this file)")
    )
    main.add_argument("--read-only", action="store_true", help=_("open without changing the file"))
    main.add_argument(
        "--room",
        metavar="[HOST:]PORT",
        help=_("open the room at start: phones on this network join (default host: this machine's address)"),
    )
    main.add_argument("--version", action=VersionAction, nargs=0, help=_("show the version of ln-tui, then stop"))
    main.add_argument(
        "--paths",
        action="store_true",
        help=_("show where ln-tui keeps networks, settings and crash reports on this computer, then stop"),
    )
    _common(main)

    commands: dict[str, argparse.ArgumentParser] = {}
    force_help = _("replace the output file if it exists (never a network file)")
    demo = commands["demo"] = Parser(prog="ln-tui demo", description=_("Write a demo network to FILE and open it."))
    demo.add_argument("file", type=Path, help=_("where to write the demo network (must not exist yet)"))
    demo.add_argument("--no-open", action="store_true", help=_("write the file, do not open it"))
    demo.add_argument("--screen", choices=SCREENS, default="network", help=_("the screen to start on"))

    check = commands["check"] = Parser(prog="ln-tui check", description=_("Check that FILE is a sound network file."))
    check.add_argument("file", type=Path, help=_("the network file to check"))

    export = commands["export"] = Parser(
        prog="ln-tui export",
        description=_("Write the minutes of a meeting, or the report of the whole network."),
    )
    export.add_argument("file", type=Path, help=_("the network file"))
    export.add_argument(
        "--meeting", type=int, metavar="N", help=_("the meeting (its number, 1 = first); default: the whole network")
    )
    export.add_argument("--format", choices=("md", "html"), default="md", help=_("Markdown or HTML (default: md)"))
    export.add_argument(
        "--for",
        dest="audience",
        choices=("group", "share"),
        default="group",
        help=_(
            "group: everything, for the group itself (the default); share: only what may leave the group "
            "(what was marked shareable, cases by title and alias, attendance as counts)"
        ),
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help=_("the file to write (default: standard output)")
    )
    export.add_argument("--announcement", action="store_true", help=_("write the announcement of the network instead"))
    export.add_argument(
        "--ics", action="store_true", help=_("write the planned meetings as a calendar file (iCalendar) instead")
    )
    export.add_argument("--force", action="store_true", help=force_help)
    export.add_argument(
        "--member",
        metavar="NAME",
        help=_(
            "write a member's take-home instead: their learning thread (goal, check-ins, cases brought, advice "
            "and what came of it, the goal's review), the actions they carry and the network's harvest; "
            "beside the network file unless -o is given"
        ),
    )
    export.add_argument(
        "--eml",
        action="store_true",
        help=_(
            "with --for share: write a meeting's minutes as an e-mail draft (.eml) that any mail client opens: "
            "the members' addresses in Bcc, the minutes as text and HTML; nothing is sent "
            "(default meeting: the current one)"
        ),
    )

    new = commands["new"] = Parser(
        prog="ln-tui new",
        description=_(
            "Start a follow-up network in NEWFILE from OLDFILE: the profile as a draft, the roster "
            "(nobody confirmed yet), the network's own methods, learning forms and agenda templates; and, "
            "as notes of its first meeting marked as carried over: the open actions, the kickoff's open and "
            "parked questions, what continues and who carries it, how the learning forms were rated and the "
            "last evaluation's suggestions. Notes, cases and evaluation forms stay behind. "
            "NEWFILE must not exist yet."
        ),
    )
    new.add_argument("file", type=Path, metavar="NEWFILE", help=_("the new network file (must not exist yet)"))
    new.add_argument(
        "--from", dest="source", type=Path, required=True, metavar="OLDFILE", help=_("the earlier network")
    )

    restore = commands["restore"] = Parser(
        prog="ln-tui restore",
        description=_("Put back a good state of FILE (the newest by default); the file it replaces is kept beside it."),
    )
    restore.add_argument("file", type=Path, help=_("the network file"))
    restore.add_argument("--list", action="store_true", help=_("list the kept states with their dates; change nothing"))
    restore.add_argument("--backup", type=int, metavar="N", help=_("the state to put back (1 = the newest)"))
    restore.add_argument("--force", action="store_true", help=_("replace FILE even though it is sound"))

    members = commands["members"] = Parser(
        prog="ln-tui members", description=_("Import members from a CSV file, or export the roster to one.")
    )
    actions = members.add_subparsers(dest="action", required=True, metavar="import|export|forget", parser_class=Parser)
    members_import = actions.add_parser(
        "import",
        prog="ln-tui members import",
        help=_("add the members in CSV to the roster"),
        description=_(
            "Add the members in CSV to the roster of FILE. The CSV has a header row naming a name "
            "column and any of email, organisation, role, expertise and joined, in any order (other "
            "columns are ignored and named); comma or semicolon; UTF-8. "
            "If any row is wrong, nobody is imported and every wrong row is listed."
        ),
    )
    members_import.add_argument("file", type=Path, help=_("the network file"))
    members_import.add_argument("csv", type=Path, metavar="CSV", help=_("the CSV file to import"))
    members_export = actions.add_parser(
        "export",
        prog="ln-tui members export",
        help=_("write the roster as CSV, or everything the file holds about one member"),
        description=_(
            "Write the roster of FILE as CSV (UTF-8); with NAME, everything FILE holds about that "
            "member (their record and every record that names them), as Markdown or JSON."
        ),
    )
    members_export.add_argument("file", type=Path, help=_("the network file"))
    members_export.add_argument("name", nargs="?", metavar="NAME", help=_("a member's name or e-mail address"))
    members_export.add_argument(
        "-o", "--output", type=Path, metavar="OUT", help=_("the file to write (default: standard output)")
    )
    members_export.add_argument("--force", action="store_true", help=force_help)
    members_export.add_argument(
        "--format", choices=("md", "json"), default="md", help=_("with NAME: Markdown or JSON (default: md)")
    )
    members_forget = actions.add_parser(
        "forget",
        prog="ln-tui members forget",
        help=_("forget a member everywhere in the file and its kept states"),
        description=_(
            "Forget the member NAME in FILE: their name and e-mail address are removed everywhere; "
            "their board items, turns, cases, notes and forms stay as 'a former member' and their "
            "attendance as counts. The kept states beside FILE are rewritten too. Asks first."
        ),
    )
    members_forget.add_argument("file", type=Path, help=_("the network file"))
    members_forget.add_argument("name", metavar="NAME", help=_("a member's name or e-mail address"))
    members_forget.add_argument("--yes", action="store_true", help=_("do not ask (for scripts)"))
    present = commands["present"] = Parser(
        prog="ln-tui present",
        description=_(
            "Show the room what the console running on FILE chooses to show: the clock, the board, "
            "the network's name. Read-only: it takes no lock and never writes the file."
        ),
    )
    present.add_argument("file", type=Path, help=_("the network file the console has open"))

    serve = commands["serve"] = Parser(
        prog="ln-tui serve",
        description=_(
            "Run ln-tui on FILE in a web browser. The page has no login: its address holds a secret made new "
            "at each start, and by default only this computer can open it."
        ),
    )
    serve.add_argument("file", type=Path, help=_("the network file"))
    serve.add_argument("--host", default="127.0.0.1", help=_("the address to listen on (default: 127.0.0.1)"))
    serve.add_argument("--port", type=int, default=8000, help=_("the port to listen on (default: 8000)"))
    serve.add_argument("--present", action="store_true", help=_("serve the room's view instead of the console"))
    serve.add_argument(
        "--public",
        action="store_true",
        help=_("allow an address other computers can reach (the page has no login)"),
    )
    serve.add_argument(
        "--tabs",
        type=int,
        metavar="N",
        help=_("how many browser tabs (each a seat on the file) may run ln-tui at once (default: 6)"),
    )
    serve.add_argument(
        "--no-browser", action="store_true", help=_("print the address only; do not open it in a browser")
    )
    room = commands["room"] = Parser(
        prog="ln-tui room",
        description=_(
            "Open the room on FILE: phones on this network join with the link it prints, and what they send "
            "reaches every ln-tui on FILE. The console's ctrl+r starts it too. ctrl+c closes it."
        ),
    )
    room.add_argument("file", type=Path, help=_("the network file"))
    room.add_argument("--host", help=_("the address to listen on (default: this machine's address)"))
    room.add_argument("--port", type=int, default=8765, help=_("the port to listen on (default: 8765)"))
    room.add_argument("--console", action="store_true", help=argparse.SUPPRESS)  # started by a console
    for command in (members_import, members_export, members_forget, *commands.values()):
        _common(command)
    return main, commands


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    settings = Settings.load()
    if settings.problem:
        print(_("ln-tui: {message}").format(message=settings.problem), file=sys.stderr)
    from ln_tui.store import StoreError

    try:
        argv = _choose_language(argv, settings)
        main_parser, commands = build_parsers()
        if argv and argv[0] in commands:
            args = commands[argv[0]].parse_args(argv[1:])
            return globals()[f"command_{argv[0]}"](args, settings)
        args = main_parser.parse_args(argv)
        if args.paths:
            return command_paths()
        return command_open(args, settings)
    except CliError as error:
        print(_("ln-tui: {message}").format(message=error), file=sys.stderr)
        return 2
    except StoreError as error:
        print(_("ln-tui: {message}").format(message=error), file=sys.stderr)
        return 2
    except OSError as error:
        print(
            _("ln-tui: {path}: {reason}").format(path=error.filename or "", reason=error.strerror or error),
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130


def room_address(text: str | None) -> tuple[str | None, int] | None:
    """`--room [HOST:]PORT` as (host or None, port); a clear message when it is neither."""
    if text is None:
        return None
    from ln_tui.room.links import parse_address

    try:
        return parse_address(text)
    except ValueError:
        raise CliError(
            _("--room wants [HOST:]PORT, for example 8765 or 192.168.1.20:8765; not {text}").format(text=text)
        ) from None


def run_app(
    path: Path,
    screen: str | None,
    settings: Settings,
    *,
    read_only: bool = False,
    room: tuple[str | None, int] | None = None,
) -> int:
    from ln_tui.app import LnApp
    from ln_tui.store import FileInUse, NetworkStore, StoreError
    from ln_tui.store.files import make_private_dirs

    if not read_only:
        make_private_dirs(path.absolute().parent)
    try:
        store = NetworkStore.open(path, read_only=read_only)
    except StoreError as error:
        if not os.environ.get("LN_TUI_SERVED"):  # see ln_tui.serve
            raise
        from ln_tui.screens.served import MessageApp  # in a browser tab: say it in the page

        in_use = _("{name} is being saved by another seat right now. Reload this page in a moment.")
        MessageApp(in_use.format(name=path.name) if isinstance(error, FileInUse) else str(error)).run()
        return 2
    try:
        served = bool(os.environ.get("LN_TUI_SERVED"))  # a browser tab of `ln-tui serve`: a seat of its own
        app = LnApp(store, screen=screen, settings=settings, room_address=room, served=served)
        app.run()
    finally:
        store.close()
    state = store.save_state
    if not state.saved and not state.read_only:
        unsaved = (
            _("ln-tui: the file holds every change, but the disk did not confirm the last save: {reason}")
            if state.unconfirmed
            else _("ln-tui: some changes could not be saved: {reason}")
        )
        print(unsaved.format(reason=state.error), file=sys.stderr)
        return 1
    return app.return_code or 0


def command_room(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.room.links import default_host
    from ln_tui.room.process import run_room

    if not 0 <= args.port <= 65535:
        raise CliError(_("--port wants a number from 0 to 65535; not {port}").format(port=args.port))
    if not args.file.exists():
        raise CliError(_("{path} does not exist.").format(path=args.file))
    return run_room(args.file, args.host or default_host(), args.port, console=args.console)


def command_paths() -> int:
    """Where this computer keeps ln-tui's files, so that a facilitator can find and back them up."""
    from ln_tui.settings import config_dir, data_dir

    print(_("Networks (the default one, and any you keep there): {path}").format(path=data_dir()))
    print(_("The network opened when you give no file: {path}").format(path=default_network_path()))
    print(_("Settings (theme, language): {path}").format(path=config_dir()))
    print(_("Crash reports: {path}").format(path=data_dir()))
    print(_("A network you open by name is kept where you put it, with its lock and kept states beside it."))
    return 0


def command_open(args: argparse.Namespace, settings: Settings) -> int:
    path = args.file or default_network_path()
    if args.read_only and not path.exists():
        raise CliError(_("{path} does not exist.").format(path=path))
    room = room_address(args.room)
    if room is not None and args.read_only:
        raise CliError(_("--room needs a file that can be written; leave out --read-only."))
    return run_app(path, args.screen, settings, read_only=args.read_only, room=room)


def check_folder(path: Path) -> None:
    """A new file's folder must be there: name the first folder on the way that is missing, or a file in the way."""
    for folder in reversed(path.absolute().parents):
        if folder.is_dir():
            continue
        if folder.exists():
            raise CliError(_("cannot write {path}: {folder} is a file, not a folder.").format(path=path, folder=folder))
        raise CliError(
            _(
                "cannot write {path}: the folder {folder} does not exist (make it first, or choose another place)."
            ).format(path=path, folder=folder)
        )


def command_demo(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.demo import build_demo
    from ln_tui.store import NetworkStore

    path: Path = args.file
    if path.exists():
        raise CliError(_("{path} already exists; the demo never overwrites a file.").format(path=path))
    check_folder(path)
    with NetworkStore.open(path) as store:
        build_demo(store)
    print(_("Demo network written to {path}.").format(path=path))
    if args.no_open:
        return 0
    return run_app(path, args.screen, settings)


def command_check(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.store import NetworkStore

    if not args.file.exists():
        raise CliError(_("{path} does not exist.").format(path=args.file))
    with NetworkStore.open(args.file, read_only=True) as store:
        if store.problems:
            print(_("{path} holds records ln-tui cannot use:").format(path=store.path))
            for problem in store.problems:
                print(f"  {problem}")
            return 1
        counts = store.counts()
        print(
            _("{path}: a sound ln-tui network (file version {version}).").format(
                path=store.path, version=store.schema_version
            )
        )
        for table, count in counts.items():
            if not table.startswith("_"):
                print(f"  {table}: {count}")
    return 0


def open_for_export(path: Path) -> NetworkStore:
    """The network, read-only, refused when any record in it cannot be used."""
    from ln_tui.store import InvalidRecords, NetworkStore

    store = NetworkStore.open(path, read_only=True)
    if store.problems:
        store.close()
        raise InvalidRecords(store.path, store.problems)
    return store


def command_export(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.model import Audience
    from ln_tui.network.announcement import announcement_for
    from ln_tui.report import to_html

    if not args.file.exists():
        raise CliError(_("{path} does not exist.").format(path=args.file))
    if args.announcement and args.meeting is not None:
        raise CliError(_("--announcement is about the whole network; leave out --meeting."))
    if args.ics and (args.announcement or args.meeting is not None or args.format != "md"):
        raise CliError(
            _("--ics writes every planned meeting as a calendar; leave out --meeting, --announcement and --format.")
        )
    if args.eml:
        if args.audience != "share":
            raise CliError(_("--eml writes the minutes to share only; add --for share."))
        if args.ics or args.announcement or args.format != "md":
            raise CliError(_("--eml writes a meeting's minutes; leave out --ics, --announcement and --format."))
    if args.member is not None:
        return export_take_home(args)
    output = checked_output(args.output, args.file, force=args.force)
    with open_for_export(args.file) as store:
        if args.eml:
            write_output(mail_draft(store, args.meeting), output, args.output)
            return 0
        if args.ics:
            from ln_tui.agenda.ics import calendar_bytes

            write_output(calendar_bytes(store), output, args.output)
            return 0
        if args.announcement:
            profile = store.profile()
            markdown = announcement_for(store)
            title = profile.name or "ln-tui"
        else:
            markdown, title = _minutes(store, args.meeting, Audience(args.audience))
    text = to_html(markdown, title) if args.format == "html" else markdown
    write_output(text.encode("utf-8"), output, args.output)
    return 0


def export_take_home(args: argparse.Namespace) -> int:
    """`ln-tui export FILE --member NAME`: the member's take-home, beside the network file (as the
    app writes it) or where -o says."""
    from ln_tui.report import to_html
    from ln_tui.store.outputs import OutputRefused
    from ln_tui.thread.takehome import export_take_home as write_beside
    from ln_tui.thread.takehome import take_home_markdown

    if args.meeting is not None or args.announcement or args.ics or args.eml or args.audience != "group":
        raise CliError(
            _("--member writes a member's take-home; leave out --meeting, --announcement, --ics, --eml and --for.")
        )
    output = None if args.output is None else checked_output(args.output, args.file, force=args.force)
    with open_for_export(args.file) as store:
        member = one_member(store, args.member)
        if args.output is None:
            try:
                path = write_beside(store, member, args.format)
            except OutputRefused as refused:
                raise CliError(str(refused)) from None
            except OSError as error:
                raise CliError(_("{path}: {reason}").format(path=args.file, reason=error.strerror or error)) from None
            print(_("Written to {path}.").format(path=path), file=sys.stderr)
            return 0
        markdown = take_home_markdown(store, member)
    title = _("What {name} takes home").format(name=member.name)
    text = to_html(markdown, title) if args.format == "html" else markdown
    write_output(text.encode("utf-8"), output, args.output)
    return 0


def _minutes(store: NetworkStore, number: int | None, audience: Audience) -> tuple[str, str]:
    from ln_tui.model import meeting_label
    from ln_tui.report import minutes_markdown

    meeting = None if number is None else numbered_meeting(store, number)
    title = meeting_label(meeting) if meeting else store.profile().name or "ln-tui"
    return minutes_markdown(store, meeting, audience), title


def numbered_meeting(store: NetworkStore, number: int) -> Meeting:
    meetings = sorted(store.meetings.all(), key=lambda m: (m.date, m.time))
    if not 1 <= number <= len(meetings):
        raise CliError(
            ngettext(
                "there is no meeting {n}; this network has {count} meeting.",
                "there is no meeting {n}; this network has {count} meetings.",
                len(meetings),
            ).format(n=number, count=len(meetings))
        )
    return meetings[number - 1]


def mail_draft(store: NetworkStore, number: int | None) -> bytes:
    """The e-mail draft of a meeting's minutes to share (the current meeting by default); who is
    left out of Bcc is said on standard error."""
    from ln_tui.minutes.mail import minutes_draft

    meeting = store.current_meeting if number is None else numbered_meeting(store, number)
    if meeting is None:
        raise CliError(_("this network has no current meeting; choose one with --meeting N."))
    draft = minutes_draft(store, meeting)
    for line in draft.warnings():
        print(_("ln-tui: {message}").format(message=line), file=sys.stderr)
    return draft.data


def command_members(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.roster import Roster
    from ln_tui.roster.csv import CsvImportError
    from ln_tui.store import NetworkStore

    if not args.file.exists():
        raise CliError(_("{path} does not exist.").format(path=args.file))
    if args.action == "forget":
        return forget_member(args)
    if args.action == "export" and args.name is not None:
        return export_member(args)
    if args.action == "export":
        output = checked_output(args.output, args.file, force=args.force)
        with open_for_export(args.file) as store:
            data, count = Roster(store).csv_bytes()
        if output is None:
            text = data.decode("utf-8-sig")
            if sys.stdout.isatty():  # a name typed with ESC in it must not drive the terminal
                from ln_tui.markdown_safe import visible_controls

                text = visible_controls(text.replace("\r\n", "\n"))
            sys.stdout.write(text)
        else:
            write_output(data, output, args.output, quiet=True)
            print(
                ngettext("{count} member written to {path}.", "{count} members written to {path}.", count).format(
                    count=count, path=args.output
                ),
                file=sys.stderr,
            )
        return 0
    data = args.csv.read_bytes()
    with NetworkStore.open(args.file) as store:
        try:
            result = Roster(store).import_csv(data)
            members = result.members
        except CsvImportError as error:
            print(_("ln-tui: {path}: nothing imported, because:").format(path=args.csv), file=sys.stderr)
            for problem in error.problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        if not store.save_state.saved:
            raise CliError(_("the members could not be saved: {reason}").format(reason=store.save_state.error))
    print(
        ngettext("{count} member imported into {path}.", "{count} members imported into {path}.", len(members)).format(
            count=len(members), path=args.file
        )
    )
    if result.ignored:
        print(_("ignored columns: {columns}").format(columns=", ".join(result.ignored)))
    return 0


def one_member(store: NetworkStore, typed: str) -> Member:
    """The member NAME names, or a one-sentence error listing those it could mean."""
    from ln_tui.roster.personal import find_members

    found = find_members(store, typed)
    if not found:
        raise CliError(_("no member is called {name}.").format(name=typed))
    if len(found) > 1:
        raise CliError(
            _("{name} could be {members}: give the whole name or the e-mail address.").format(
                name=typed, members="; ".join(f"{m.name} <{m.email}>" if m.email else m.name for m in found)
            )
        )
    return found[0]


def export_member(args: argparse.Namespace) -> int:
    """`ln-tui members export FILE NAME`: everything the file holds about one member."""
    import json

    from ln_tui.roster.personal import member_data, member_markdown

    output = checked_output(args.output, args.file, force=args.force)
    with open_for_export(args.file) as store:
        data = member_data(store, one_member(store, args.name))
    if args.format == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = member_markdown(data)
    if output is None and sys.stdout.isatty():  # a name typed with ESC in it must not drive the terminal
        from ln_tui.markdown_safe import visible_controls

        text = visible_controls(text)
    write_output(text.encode("utf-8"), output, args.output)
    return 0


def forget_member(args: argparse.Namespace) -> int:
    """`ln-tui members forget FILE NAME`: say what changes, ask, forget, rewrite the kept states."""
    import datetime

    from ln_tui.markdown_safe import visible_controls
    from ln_tui.roster.personal import forget_member as forget
    from ln_tui.roster.personal import what_forgetting_does
    from ln_tui.store import NetworkStore

    today = datetime.date.today().isoformat()
    with NetworkStore.open(args.file) as store:
        member = one_member(store, args.name)
        name = visible_controls(member.name)
        print(
            _("Forgetting {name} removes their name and e-mail address from {path}.").format(name=name, path=args.file)
        )
        changes, removed = what_forgetting_does(store, member, today)
        if changes:
            print(_("Kept as 'a former member' (attendance as counts only):"))
            for line in changes:
                print(f"  {line}")
        if removed:
            print(_("Removed, as their own words about themselves:"))
            for line in removed:
                print(f"  {line}")
        print(_("The kept states beside the file (FILE.bak.1-5, FILE.bak) are rewritten too. This cannot be undone."))
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError(_("nothing forgotten: add --yes to forget without being asked."))
            answer = input(_("Forget {name}? Type yes to go on: ").format(name=name))
            if answer.strip().casefold() not in {"yes", "y", _("yes").casefold()}:
                print(_("Nothing forgotten."))
                return 1
        forgotten = forget(store, member, today)
        if not store.save_state.saved:
            raise CliError(
                _("nothing forgotten: the file could not be saved: {reason}").format(reason=store.save_state.error)
            )
    print(_("{name} is forgotten in {path}.").format(name=name, path=args.file))
    for path in forgotten.kept_states.rewritten:
        print(_("Rewritten: {path}").format(path=path))
    if forgotten.kept_states.left:
        print(
            _("These files still hold the name and could not be rewritten; delete them once you no longer need them:")
        )
        for path in forgotten.kept_states.left:
            print(f"  rm {shlex_quote(str(path))}")
    print(_("Minutes and reports exported before still hold the name: delete them, or export them again."))
    return 0


def shlex_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def checked_output(output: Path | None, network: Path, *, force: bool) -> Path | None:
    """Where an export may be written (None: standard output, for no -o or `-o -`); an existing
    file only with `force`."""
    from ln_tui.store.outputs import output_target

    if output is None or str(output) == "-":
        return None
    return output_target(output, network, replace_existing=force)


def write_output(data: bytes, target: Path | None, shown: Path | None, *, quiet: bool = False) -> None:
    """Write an export to `target` (atomically, never half a file) or, for None, to standard output.
    Errors name `shown`, the path as the user typed it."""
    from ln_tui.store.files import write_atomic

    if target is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    try:
        write_atomic(target, data)
    except OSError as error:
        raise CliError(_("{path}: {reason}").format(path=shown, reason=error.strerror or error)) from None
    if not quiet:
        print(_("Written to {path}.").format(path=shown), file=sys.stderr)


def command_present(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.present.follow import is_regular, not_a_network_file
    from ln_tui.screens.present.app import PresentApp

    if not is_regular(args.file):
        raise CliError(not_a_network_file(args.file))
    PresentApp(args.file.absolute(), settings=settings).run()
    return 0


def command_serve(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.serve import DEFAULT_TABS, serve

    return serve(
        args.file.absolute(),
        host=args.host,
        port=args.port,
        present=args.present,
        public=args.public,
        max_tabs=DEFAULT_TABS if args.tabs is None else args.tabs,
        open_browser=not args.no_browser,
    )


def command_new(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.agenda.closing import create_follow_up

    if not args.source.exists():
        raise CliError(_("{path} does not exist.").format(path=args.source))
    if args.file.absolute() == args.source.absolute():
        raise CliError(_("the new network must be another file than the old one."))
    check_folder(args.file)
    with open_for_export(args.source) as old:
        try:
            copied = create_follow_up(args.file, old)
        except FileExistsError:
            raise CliError(
                _("{path} already exists; a new network never overwrites a file.").format(path=args.file)
            ) from None

    def counted(forms: list[tuple[tuple[str, str], int]]) -> str:
        return ", ".join(ngettext(*marked, n).format(n=n) for marked, n in forms)

    copied_parts = counted(
        [
            (Nn_("{n} member (not yet confirmed)", "{n} members (not yet confirmed)"), copied.members),
            (Nn_("{n} method", "{n} methods"), copied.methods),
            (Nn_("{n} agenda template", "{n} agenda templates"), copied.templates),
            (Nn_("{n} learning form of its own", "{n} learning forms of its own"), copied.learning_forms),
        ]
    )
    carried = counted(
        [
            (Nn_("{n} open action", "{n} open actions"), copied.actions),
            (Nn_("{n} open or parked question", "{n} open or parked questions"), copied.questions),
            (Nn_("{n} thing that continues", "{n} things that continue"), copied.continuations),
            (Nn_("{n} learning form's ratings", "{n} learning forms' ratings"), copied.rated_forms),
        ]
    )
    print(
        _("Follow-up network written to {path}: {parts}; carried over: {carried}.").format(
            path=args.file, parts=copied_parts, carried=carried
        )
    )
    return 0


def command_restore(args: argparse.Namespace, settings: Settings) -> int:
    from ln_tui.store import backups, real_path, restore_backup

    kept_states = backups(args.file)
    if args.list:
        if not kept_states:
            print(_("There is no kept state of {path}.").format(path=real_path(args.file)))
        for backup in kept_states:
            state = _("sound") if backup.sound else _("damaged")
            print(f"  {backup.number}  {backup.saved:%Y-%m-%d %H:%M:%S}  {backup.path}  ({state})")
        return 0
    kept = restore_backup(args.file, args.backup, force=args.force)
    chosen = next(b for b in kept_states if b.sound and (args.backup is None or b.number == args.backup))
    print(
        _("{path} is back as it was on {date} (kept state {number}).").format(
            path=args.file, date=f"{chosen.saved:%Y-%m-%d %H:%M:%S}", number=chosen.number
        )
    )
    if kept is not None:
        print(_("The file it replaced is kept as {kept}.").format(kept=kept))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
