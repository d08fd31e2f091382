"""A real SMTP server on 127.0.0.1 for the mail tests: aiosmtpd, a port of its own.

``smtp_server`` is a fixture, registered for the suite by tests/conftest.py.
"""

from __future__ import annotations

import email
import socket
from collections.abc import Callable, Iterator
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def rfc2047_display_name(data: bytes, header: str) -> str:
    """The display name in a one-address header, decoded as RFC 2047 says (legacy API)."""
    raw = email.message_from_bytes(data, policy=policy.compat32)[header]
    ((name, _addr),) = getaddresses([str(raw)])
    return str(make_header(decode_header(name)))


def body_of(msg: EmailMessage) -> str:
    """The text of a message (its text/plain part when it has attachments)."""
    part = msg.get_body(preferencelist=("plain",))
    assert isinstance(part, EmailMessage), msg.get_content_type()
    # text/plain travels in canonical form (CRLF line ends, RFC 2046); compare as text.
    return str(part.get_content()).replace("\r\n", "\n")


def free_port() -> int:
    """A port nothing listens on: bound, read, closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Recorder:
    """aiosmtpd handler keeping what it accepts; refuses listed recipients or messages."""

    def __init__(self, refuse_rcpt: set[str] | None = None, refuse_data_after: int | None = None):
        self.refuse_rcpt = refuse_rcpt or set()
        self.refuse_data_after = refuse_data_after
        self.messages: list[tuple[str, list[str], bytes, bool]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse_rcpt:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse_data_after is not None and len(self.messages) >= self.refuse_data_after:
            return "554 5.7.1 message rejected by policy"
        self.messages.append(
            (envelope.mail_from, list(envelope.rcpt_tos), envelope.content, session.ssl is not None)
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., tuple[Recorder, int]]]:
    """``start(handler=None, **smtp_params)`` → (handler, port) of a server on 127.0.0.1."""
    controllers: list[Controller] = []

    def start(handler: Recorder | None = None, **params: Any) -> tuple[Recorder, int]:
        handler = handler or Recorder()
        last: Exception | None = None
        for _attempt in range(5):  # another process may grab the free port in between
            port = free_port()
            controller = Controller(handler, hostname=HOST, port=port, ready_timeout=5, **params)
            try:
                controller.start()
            except Exception as exc:  # pragma: no cover - port race
                last = exc
                continue
            controllers.append(controller)
            return handler, port
        raise RuntimeError(f"could not start aiosmtpd: {last}")

    yield start
    for controller in controllers:
        controller.stop()
