"""Two-factor sign-in, the services (auth.two_factor): set-up, the code step with no
replay, recovery codes used once, the shared lockout, turning off, an admin's reset."""

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import sqlalchemy as sa

from auth import services, two_factor
from core.audit import AuditEvent
from core.errors import Conflict, PermissionDenied, ValidationFailed
from core.secrets_box import encrypt
from notifications.models import EmailMessage
from people.models import LoginAttempt, RecoveryCode
from tests.factories import PASSWORD, make_person, make_user

NOW = datetime(2026, 12, 3, 9, 0, 15, tzinfo=UTC)
STEP = timedelta(seconds=30)
CONFIG = {"LOCKOUT_ATTEMPTS": 5, "LOCKOUT_WINDOW": timedelta(minutes=15)}


def _enrol(user, now=NOW):
    secret = two_factor.new_secret()
    codes = two_factor.enable_two_factor(
        user, secret, pyotp.TOTP(secret).at(now), now=now
    )
    return secret, codes


def _code(secret, at):
    return pyotp.TOTP(secret).at(at)


def _events(user, action):
    return sa.select(sa.func.count()).where(
        AuditEvent.object_type == "User",
        AuditEvent.object_id == user.id,
        AuditEvent.action == action,
    )


def _password_ok(db, user, now):
    assert services.authenticate(user.email, PASSWORD, now=now) is user


def test_enrolment_with_a_matching_code_turns_it_on(db):
    user = make_person()
    _secret, codes = _enrol(user)
    assert user.has_two_factor
    assert len(codes) == 10 and len(set(codes)) == 10
    assert db.session.scalar(_events(user, "two_factor_enabled")) == 1


def test_the_secret_in_the_database_is_not_the_base32_secret(db):
    user = make_person()
    secret, _codes = _enrol(user)
    db.session.commit()
    stored = db.session.execute(
        sa.text("SELECT totp_secret_encrypted FROM users WHERE id = :id"),
        {"id": user.id},
    ).scalar_one()
    assert secret not in stored
    assert two_factor.open_secret(stored) == secret


def test_recovery_codes_are_stored_as_hashes_only(db):
    user = make_person()
    _, codes = _enrol(user)
    hashes = db.session.scalars(sa.select(RecoveryCode.code_hash)).all()
    assert len(hashes) == 10
    plain = {c.replace("-", "") for c in codes} | set(codes)
    assert not plain & set(hashes)


def test_enrolment_with_a_wrong_code_changes_nothing(db):
    user = make_person()
    secret = two_factor.new_secret()
    wrong = "000000" if _code(secret, NOW) != "000000" else "111111"
    with pytest.raises(ValidationFailed):
        two_factor.enable_two_factor(user, secret, wrong, now=NOW)
    assert not user.has_two_factor
    assert db.session.scalar(sa.select(sa.func.count(RecoveryCode.id))) == 0


def test_a_correct_password_does_not_sign_in_an_account_with_two_factor(db):
    user = make_person()
    _enrol(user)
    _password_ok(db, user, NOW + STEP)
    assert db.session.scalar(_events(user, "signed_in")) == 0
    assert user.last_login_at is None
    # the password check still counts until the code passes
    assert db.session.scalar(sa.select(sa.func.count(LoginAttempt.id))) == 1


def test_a_current_code_completes_the_sign_in(db):
    user = make_person()
    secret, _ = _enrol(user)
    later = NOW + 2 * STEP
    _password_ok(db, user, later)
    assert (
        two_factor.sign_in_with_code(user, _code(secret, later), CONFIG, now=later)
        is False
    )
    assert db.session.scalar(_events(user, "signed_in")) == 1
    assert db.session.scalar(sa.select(sa.func.count(LoginAttempt.id))) == 0


def test_the_same_code_is_refused_the_second_time(db):
    user = make_person()
    secret, _ = _enrol(user)
    later = NOW + 2 * STEP
    code = _code(secret, later)
    two_factor.sign_in_with_code(user, code, CONFIG, now=later)
    with pytest.raises(PermissionDenied):
        two_factor.sign_in_with_code(
            user, code, CONFIG, now=later + timedelta(seconds=5)
        )


def test_the_confirming_code_cannot_sign_in(db):
    user = make_person()
    secret, _ = _enrol(user)
    with pytest.raises(PermissionDenied):
        two_factor.sign_in_with_code(user, _code(secret, NOW), CONFIG, now=NOW)


def test_a_code_of_an_earlier_step_than_the_last_used_is_refused(db):
    user = make_person()
    secret, _ = _enrol(user)
    later = NOW + 3 * STEP
    two_factor.sign_in_with_code(user, _code(secret, later + STEP), CONFIG, now=later)
    with pytest.raises(PermissionDenied):  # within the window, but older
        two_factor.sign_in_with_code(user, _code(secret, later), CONFIG, now=later)


def test_the_neighbouring_step_is_accepted_for_clock_drift(db):
    user = make_person()
    secret, _ = _enrol(user)
    later = NOW + 4 * STEP
    two_factor.sign_in_with_code(user, _code(secret, later - STEP), CONFIG, now=later)
    assert db.session.scalar(_events(user, "signed_in")) == 1


def test_a_recovery_code_works_once(db):
    user = make_person()
    _, codes = _enrol(user)
    assert two_factor.sign_in_with_code(user, codes[0], CONFIG, now=NOW) is True
    assert two_factor.recovery_codes_left(user) == 9
    assert db.session.scalar(_events(user, "recovery_code_used")) == 1
    with pytest.raises(PermissionDenied):
        two_factor.sign_in_with_code(user, codes[0], CONFIG, now=NOW + STEP)


def test_a_recovery_code_is_read_without_dashes_or_case(db):
    user = make_person()
    _, codes = _enrol(user)
    typed = codes[1].replace("-", " ").upper()
    assert two_factor.sign_in_with_code(user, typed, CONFIG, now=NOW) is True


def test_wrong_codes_count_towards_the_password_lockout(db):
    user = make_person()
    secret, _ = _enrol(user)
    later = NOW + 2 * STEP
    _password_ok(db, user, later)  # check 1
    for _ in range(4):  # checks 2-5
        with pytest.raises(PermissionDenied) as err:
            two_factor.sign_in_with_code(user, "12345x", CONFIG, now=later)
        assert err.value.message == two_factor.CODE_FAILED
    with pytest.raises(PermissionDenied) as err:  # even the right code: locked
        two_factor.sign_in_with_code(user, _code(secret, later), CONFIG, now=later)
    assert err.value.message == services.LOCKED
    with pytest.raises(PermissionDenied) as err:  # and the password too
        services.authenticate(user.email, PASSWORD, now=later)
    assert err.value.message == services.LOCKED


def test_a_correct_password_does_not_reset_the_count_of_wrong_codes(db):
    user = make_person()
    _enrol(user)
    later = NOW + 2 * STEP
    for _ in range(2):
        _password_ok(db, user, later)
        with pytest.raises(PermissionDenied):
            two_factor.sign_in_with_code(user, "999999x", CONFIG, now=later)
    _password_ok(db, user, later)  # check 5
    with pytest.raises(PermissionDenied) as err:
        two_factor.sign_in_with_code(user, "999999x", CONFIG, now=later)
    assert err.value.message == services.LOCKED


def test_the_token_request_needs_the_code(db):
    user = make_person()
    secret, _ = _enrol(user)
    later = NOW + 2 * STEP
    _password_ok(db, user, later)
    with pytest.raises(PermissionDenied) as err:
        two_factor.complete_with_code(user, None, now=later)
    assert "code" in err.value.message
    _password_ok(db, user, later)
    assert two_factor.complete_with_code(user, _code(secret, later), now=later) is False
    assert db.session.scalar(_events(user, "signed_in")) == 1


def test_turning_off_needs_the_password_or_a_code(db):
    user = make_person()
    _secret, _ = _enrol(user)
    with pytest.raises(ValidationFailed):
        two_factor.disable_two_factor(user, "not my password", CONFIG, now=NOW)
    assert db.session.scalar(sa.select(sa.func.count(LoginAttempt.id))) == 1
    two_factor.disable_two_factor(user, PASSWORD, CONFIG, now=NOW)
    assert not user.has_two_factor
    assert user.totp_secret_encrypted is None
    assert db.session.scalar(sa.select(sa.func.count(RecoveryCode.id))) == 0
    assert db.session.scalar(_events(user, "two_factor_disabled")) == 1


def test_turning_off_with_a_current_code(db):
    user = make_person()
    secret, _ = _enrol(user)
    later = NOW + STEP
    two_factor.disable_two_factor(user, _code(secret, later), CONFIG, now=later)
    assert not user.has_two_factor


def test_new_recovery_codes_replace_the_old_ones(db):
    user = make_person()
    _, old = _enrol(user)
    new = two_factor.regenerate_recovery_codes(user, PASSWORD, CONFIG, now=NOW)
    assert len(new) == 10 and not set(new) & set(old)
    with pytest.raises(PermissionDenied):
        two_factor.sign_in_with_code(user, old[0], CONFIG, now=NOW)
    assert two_factor.sign_in_with_code(user, new[0], CONFIG, now=NOW) is True


def test_an_admin_reset_is_audited_mailed_and_ends_the_sessions(db):
    user = make_person(email="lost.phone@example.com")
    admin = make_user(is_admin=True)
    _enrol(user)
    version = user.session_version
    two_factor.reset_two_factor(admin, user, now=NOW)
    assert not user.has_two_factor
    assert db.session.scalar(sa.select(sa.func.count(RecoveryCode.id))) == 0
    assert user.session_version == version + 1
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "two_factor_reset")
    )
    assert event.actor_id == admin.id and event.object_id == user.id
    mail = db.session.scalar(sa.select(EmailMessage))
    assert mail.to_address == "lost.phone@example.com"
    assert "second factor was reset" in mail.subject
    assert "/account/two-factor" in mail.body


def test_only_an_admin_resets_and_never_their_own(db):
    user = make_person()
    hr = make_person(is_hr=True)
    admin = make_user(is_admin=True)
    _enrol(user)
    _enrol(admin)
    with pytest.raises(PermissionDenied):
        two_factor.reset_two_factor(hr, user, now=NOW)
    with pytest.raises(PermissionDenied):
        two_factor.reset_two_factor(admin, admin, now=NOW)


def test_resetting_an_account_without_two_factor_is_a_conflict(db):
    with pytest.raises(Conflict):
        two_factor.reset_two_factor(make_user(is_admin=True), make_person(), now=NOW)


def test_a_rotated_secret_key_leaves_the_code_unreadable(db):
    """After SECRET_KEY changes, no code passes: the admin reset is the way back."""
    user = make_person()
    secret, _ = _enrol(user)
    user.totp_secret_encrypted = encrypt(secret, secret_key="the-old-key")
    with pytest.raises(PermissionDenied):
        two_factor.sign_in_with_code(user, _code(secret, NOW + STEP), CONFIG, now=NOW)
