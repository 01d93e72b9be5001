"""Secrets kept at rest encrypted with a key derived from ``SECRET_KEY``.

Some secrets must be readable again by the server (a TOTP secret: the server computes
the expected code from it), so a hash will not do. They are encrypted with Fernet
(AES-128-CBC + HMAC-SHA256, a timestamped token) under a key derived from the app's
``SECRET_KEY`` by HKDF-SHA256 with a fixed ``info`` per purpose (``b"trellis totp"``):
the session-signing key itself is never used as an encryption key, and two purposes
never share a key.

Rotating ``SECRET_KEY`` makes every stored secret unreadable: ``decrypt`` raises
``SecretUnreadable``, and the accounts with two-factor sign-in need an administrator to
reset their second factor (README, "Two-factor sign-in"). There is deliberately no
second, older key to fall back on.
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app


class SecretUnreadable(Exception):
    """A stored secret cannot be decrypted (``SECRET_KEY`` changed, or tampering)."""


def _fernet(purpose: str, secret_key: str | None) -> Fernet:
    key = secret_key if secret_key is not None else current_app.config["SECRET_KEY"]
    if not key:
        raise RuntimeError("SECRET_KEY is not set: secrets cannot be encrypted.")
    raw = key.encode() if isinstance(key, str) else bytes(key)
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=f"trellis {purpose}".encode(),
    ).derive(raw)
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt(text: str, *, purpose: str = "totp", secret_key: str | None = None) -> str:
    """Encrypt ``text`` for storage (ASCII, ~100 characters more than ``text``)."""
    return _fernet(purpose, secret_key).encrypt(text.encode()).decode("ascii")


def decrypt(token: str, *, purpose: str = "totp", secret_key: str | None = None) -> str:
    """Decrypt what ``encrypt`` stored.

    :raises SecretUnreadable: another key (``SECRET_KEY`` rotated) or a changed token.
    """
    try:
        return _fernet(purpose, secret_key).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError) as err:
        raise SecretUnreadable("The stored secret cannot be decrypted.") from err
