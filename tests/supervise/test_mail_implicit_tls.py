"""Implicit TLS (port 465 style) with a login and no --allow-plain-auth (issue 30, item 1):
the password only ever crosses an encrypted connection. aiosmtpd on 127.0.0.1 speaking TLS
from the first byte, with a self-signed certificate the client is told to trust."""

from __future__ import annotations

import datetime as dt
import shutil
import ssl
import subprocess
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from jianyian.render.eml import make_draft
from jianyian.write.mail import send_drafts

from ..support.smtp import HOST


def office_only(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
    ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"s3cret-pass"
    return AuthResult(success=ok, handled=False)


@pytest.mark.filterwarnings("ignore::UserWarning")  # aiosmtpd: AUTH without *STARTTLS*
def test_login_over_implicit_tls_needs_no_plain_auth_option(tmp_path: Path, smtp_server) -> None:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    # auth_require_tls counts only STARTTLS; this connection is TLS from the first byte.
    handler, port = smtp_server(
        ssl_context=server_ctx, authenticator=office_only, auth_required=True,
        auth_require_tls=False,
    )  # fmt: skip
    draft = make_draft(
        "jxj",
        [("张三", "zs@jxj.example.cn")],
        ("办公室", "office@fgw.example.cn"),
        "提醒",
        "请报送。\n",
    )
    result = send_drafts(
        [draft], host=HOST, port=port, day=dt.date(2025, 8, 10), log_path=tmp_path / "log",
        user="office", password="s3cret-pass", implicit_tls=True, timeout=5,
        tls_context=ssl.create_default_context(cafile=str(cert)),
    )  # fmt: skip
    assert result.ok, result.error
    # The server speaks only TLS on this port: a message there went out encrypted.
    assert len(handler.messages) == 1
