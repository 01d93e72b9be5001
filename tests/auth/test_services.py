from datetime import timedelta

import pytest

from auth import services
from auth.passwords import hash_password, password_problems, verify_password
from core.db import utcnow
from core.errors import PermissionDenied, ValidationFailed
from tests.factories import PASSWORD, make_person


def test_passwords_are_hashed_with_argon2id():
    assert hash_password("a long enough secret").startswith("$argon2id$")


def test_verify_password_accepts_the_right_one_only():
    hashed = hash_password("a long enough secret")
    assert verify_password(hashed, "a long enough secret")
    assert not verify_password(hashed, "another secret entirely")
    assert not verify_password(None, "a long enough secret")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "at least 8"),
        ("x" * 129, "at most 128"),
        ("password1", "too common"),
        ("Iloveyou1", "too common"),
    ],
)
def test_password_policy_refuses(password, problem):
    assert problem in password_problems(password)[0]


def test_password_policy_accepts_a_good_password():
    assert password_problems("gravel-orchid-lantern") == []


def test_unknown_user_and_wrong_password_get_the_same_message(db):
    make_person(email="known@example.com")
    with pytest.raises(PermissionDenied) as unknown:
        services.authenticate("nobody@example.com", PASSWORD)
    with pytest.raises(PermissionDenied) as wrong:
        services.authenticate("known@example.com", "wrong password!")
    assert unknown.value.message == wrong.value.message


def test_five_failures_lock_the_account_for_fifteen_minutes(db):
    make_person(email="known@example.com")
    now = utcnow()
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            services.authenticate("known@example.com", "wrong password!", now=now)
    with pytest.raises(PermissionDenied, match="Too many failed attempts"):
        services.authenticate("known@example.com", PASSWORD, now=now)
    later = now + timedelta(minutes=15, seconds=1)
    assert services.authenticate("known@example.com", PASSWORD, now=later)


def test_four_failures_do_not_lock(db):
    make_person(email="known@example.com")
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            services.authenticate("known@example.com", "wrong password!")
    assert (
        services.authenticate("KNOWN@example.com ", PASSWORD).email
        == "known@example.com"
    )


def test_disabled_account_cannot_sign_in(db):
    user = make_person(email="gone@example.com")
    user.is_enabled = False
    with pytest.raises(PermissionDenied):
        services.authenticate("gone@example.com", PASSWORD)


def test_set_password_checks_current_and_policy(db):
    user = make_person()
    with pytest.raises(ValidationFailed) as err:
        services.set_password(user, user, "gravel-orchid-lantern", current="nope")
    assert "current_password" in err.value.errors
    with pytest.raises(ValidationFailed) as err:
        services.set_password(user, user, "password1", current=PASSWORD)
    assert "password" in err.value.errors


def test_set_password_ends_other_sessions(db):
    user = make_person()
    before = user.session_version
    services.set_password(user, user, "gravel-orchid-lantern", current=PASSWORD)
    assert user.session_version == before + 1
    assert verify_password(user.password_hash, "gravel-orchid-lantern")
