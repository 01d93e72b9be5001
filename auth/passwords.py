"""argon2id hashing and the password policy (length 8–128, not a common password)."""

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 8
MAX_LENGTH = 128
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
# Verified against when the email is unknown, so both paths cost the same.
_DUMMY_HASH = _hasher.hash("not-a-real-password-for-timing")


@cache
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if not line.startswith("#"))


def password_problems(password: str) -> list[str]:
    """Return what is wrong with ``password`` (empty when acceptable)."""
    if len(password) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    if password.lower() in _common_passwords():
        return ["This password is too common; choose another."]
    return []


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(
            password_hash
        )
    except (VerificationError, InvalidHashError):
        return False
