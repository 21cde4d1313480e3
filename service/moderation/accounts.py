"""Moderator accounts: creation, argon2id password hashes, site assignment, who a request acts as."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from service.inputs import normalize_site
from service.moderation.models import Role, User, UserSite

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the e-mail is unknown, so a login takes as long whether or not the account exists.
_DUMMY_HASH = _hasher.hash("raqib-no-such-user")

MIN_PASSWORD_CHARS = 10


class AccountError(ValueError):
    """A request to create or change an account that cannot be honoured."""


@dataclass(frozen=True)
class Principal:
    """Who a request acts as: a user, with the sites they may see (None means every site: an admin)."""

    user_id: int
    email: str
    role: str
    sites: frozenset[str] | None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value

    def may_see(self, site: str) -> bool:
        return self.sites is None or site in self.sites


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; a missing hash still costs one verification."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _clean_sites(sites: list[str]) -> list[str]:
    return sorted({normalize_site(s) for s in sites if normalize_site(s)})


def create_user(db_session: Session, *, email: str, password: str, role: str, sites: list[str]) -> User:
    """Create an account; moderators need at least one site."""
    email = normalize_email(email)
    if "@" not in email or len(email) > 320:
        raise AccountError("invalid e-mail address")
    if role not in {r.value for r in Role}:
        raise AccountError(f"role must be one of: {', '.join(r.value for r in Role)}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"password must have at least {MIN_PASSWORD_CHARS} characters")
    clean = _clean_sites(sites)
    if role == Role.MODERATOR.value and not clean:
        raise AccountError("a moderator needs at least one site")
    if db_session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AccountError(f"an account for {email} already exists")
    user = User(email=email, password_hash=hash_password(password), role=role, active=True)
    db_session.add(user)
    db_session.flush()
    db_session.add_all(UserSite(user_id=user.id, site=s) for s in clean)
    db_session.flush()
    return user


def set_sites(db_session: Session, user_id: int, sites: list[str]) -> list[str]:
    """Replace the sites assigned to a user."""
    clean = _clean_sites(sites)
    db_session.execute(delete(UserSite).where(UserSite.user_id == user_id))
    db_session.add_all(UserSite(user_id=user_id, site=s) for s in clean)
    db_session.flush()
    return clean


def set_active(db_session: Session, user_id: int, active: bool) -> None:
    """Enable or disable an account; a disabled account's sessions and tokens stop working at once."""
    user = db_session.get(User, user_id)
    if user is None:
        raise AccountError("no such account")
    user.active = active
    db_session.flush()


def sites_of(db_session: Session, user_id: int) -> list[str]:
    return list(
        db_session.scalars(select(UserSite.site).where(UserSite.user_id == user_id).order_by(UserSite.site))
    )


def principal_for(db_session: Session, user: User) -> Principal:
    """The Principal of an active user; an admin sees every site."""
    sites = None if user.role == Role.ADMIN.value else frozenset(sites_of(db_session, user.id))
    return Principal(user_id=user.id, email=user.email, role=user.role, sites=sites)


def find_user(db_session: Session, email: str) -> User | None:
    return db_session.scalar(select(User).where(User.email == normalize_email(email)))
