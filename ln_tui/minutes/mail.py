"""A meeting's minutes to share as an e-mail draft (`.eml`), for the members to pass on in their
own organisations: every member with an address in Bcc (nobody sees the others' addresses), the
minutes as text and as HTML, the network and the meeting in the subject. ln-tui sends nothing:
any mail client opens the file (`X-Unsent: 1` asks it to open it as a message still to send), and
the sender's own account fills in From.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from ln_tui.i18n import _
from ln_tui.minutes.notes import numbered
from ln_tui.model import Audience, Meeting, Member, meeting_label
from ln_tui.store import NetworkStore
from ln_tui.store.files import write_atomic
from ln_tui.store.outputs import output_target

# Line breaks and other control characters would end a header early: a name or title with them
# is shown on one line.
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True)
class MailDraft:
    data: bytes
    recipients: list[str]  # the names in Bcc
    without_address: list[str]  # members with no address
    unusable: list[str]  # members whose address cannot be used, as "name <address>"

    def warnings(self) -> list[str]:
        """Who the draft leaves out of Bcc, said plainly."""
        lines = []
        if not self.recipients:
            lines.append(_("No member has a usable e-mail address: the draft has nobody in Bcc."))
        if self.without_address:
            lines.append(_("Not in Bcc, no e-mail address: {names}.").format(names=", ".join(self.without_address)))
        if self.unusable:
            lines.append(_("Not in Bcc, the address cannot be used: {names}.").format(names=", ".join(self.unusable)))
        return lines


def one_line(text: str) -> str:
    return CONTROLS.sub(" ", text).strip()


def bcc_address(member: Member) -> Address | None:
    """The member's address for the Bcc line; None when it is not one a mail client can use."""
    try:
        address = Address(display_name=one_line(member.name), addr_spec=member.email.strip())
    except (ValueError, IndexError):
        return None
    if not address.username or not address.domain or "." not in address.domain:
        return None
    return address


def minutes_draft(store: NetworkStore, meeting: Meeting, now: dt.datetime | None = None) -> MailDraft:
    """The e-mail draft of `meeting`'s minutes to share, made from the same Markdown as the export."""
    from ln_tui.report import minutes_markdown, to_html  # the report lists this package's sections

    recipients: list[Address] = []
    names, without, unusable = [], [], []
    for member in sorted(store.members.all(), key=lambda m: m.name.casefold()):
        if not member.email.strip():
            without.append(member.name)
        elif (address := bcc_address(member)) is None:
            unusable.append(f"{member.name} <{member.email}>")
        else:
            recipients.append(address)
            names.append(member.name)
    network = store.profile().name or _("Untitled network")
    markdown = minutes_markdown(store, meeting, Audience.SHARE)
    message = EmailMessage(policy=SMTP)
    message["Subject"] = one_line(
        _("{network}: minutes to share of {meeting}").format(network=network, meeting=meeting_label(meeting))
    )
    message["Date"] = format_datetime((now or dt.datetime.now()).astimezone())
    if recipients:
        message["Bcc"] = recipients
    message["X-Unsent"] = "1"
    message.set_content(markdown)
    message.add_alternative(to_html(markdown, meeting_label(meeting)), subtype="html")
    return MailDraft(bytes(message), names, without, unusable)


def export_draft(store: NetworkStore, meeting: Meeting, now: dt.datetime | None = None) -> tuple[Path, MailDraft]:
    """Write the minutes to share as an e-mail draft beside the network file (the members in
    Bcc, nothing sent); return its path and what it holds. Raises `OutputRefused` or `OSError`."""
    number = next((i for i, m in enumerate(numbered(store), 1) if m.id == meeting.id), 0)
    draft = minutes_draft(store, meeting, now)
    path = store.path.with_name(f"{store.path.stem}-minutes-{number}-to-share.eml")
    write_atomic(output_target(path, store.path), draft.data)
    return path, draft
