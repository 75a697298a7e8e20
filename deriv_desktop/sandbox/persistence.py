"""Optional JSON state file: loaded at start, saved (debounced) on changes and at exit.

The file holds passwords and tokens, so it is written atomically with mode 0600.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from .models import Account, App, LoginRecord, Token, TokenKind, User
from .world import World, WorldObserver

FORMAT_VERSION = 1
SAVE_DELAY = 0.2  # seconds; coalesces bursts of changes (e.g. activity) into one write


def dump_world(world: World) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "next_user_id": world.next_user_id,
        "loginid_counters": world.loginid_counters,
        "usd_values": {k: str(v) for k, v in world.usd_values.items()},
        "site_status": world.site_status,
        "site_message": world.site_message,
        "apps": [
            {
                "app_id": a.app_id,
                "name": a.name,
                "redirect_uri": a.redirect_uri,
                "scopes": list(a.scopes),
                "official": a.official,
                "markup_percentage": a.markup_percentage,
                "homepage": a.homepage,
                "owner": a.owner,
            }
            for a in world.apps.values()
        ],
        "users": [_dump_user(u) for u in world.users.values()],
        "tokens": [
            {
                "value": t.value,
                "kind": t.kind.value,
                "loginid": t.loginid,
                "scopes": list(t.scopes),
                "display_name": t.display_name,
                "app_id": t.app_id,
                "valid_for_ip": t.valid_for_ip,
                "last_used": t.last_used,
                "created": t.created,
            }
            for t in world.tokens.values()
        ],
    }


def _dump_user(user: User) -> dict[str, Any]:
    return {
        "user_id": user.user_id,
        "email": user.email,
        "password": user.password,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "residence": user.residence,
        "phone": user.phone,
        "date_of_birth": user.date_of_birth,
        "address_city": user.address_city,
        "address_line_1": user.address_line_1,
        "address_postcode": user.address_postcode,
        "consents": {str(k): v for k, v in user.consents.items()},
        "accounts": [
            {
                "loginid": a.loginid,
                "currency": a.currency,
                "balance": str(a.balance),
                "landing_company": a.landing_company,
                "broker": a.broker,
                "is_virtual": a.is_virtual,
                "is_disabled": a.is_disabled,
                "excluded_until": a.excluded_until,
                "created_at": a.created_at,
                "token": a.token,
            }
            for a in user.accounts
        ],
        "login_history": [vars(r) for r in user.login_history],
    }


def load_world(data: dict[str, Any], world: World) -> None:
    """Fill an empty world from `dump_world` output."""
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"unsupported state file version: {data.get('version')!r}")
    world.next_user_id = int(data["next_user_id"])
    world.loginid_counters = {k: int(v) for k, v in data["loginid_counters"].items()}
    world.usd_values.update({k: Decimal(v) for k, v in data["usd_values"].items()})
    world.site_status = data["site_status"]
    world.site_message = data["site_message"]
    for a in data["apps"]:
        world.apps[a["app_id"]] = App(
            a["app_id"],
            a["name"],
            a["redirect_uri"],
            tuple(a["scopes"]),
            a["official"],
            a["markup_percentage"],
            a["homepage"],
            a.get("owner", ""),
        )
    for u in data["users"]:
        user = User(
            user_id=u["user_id"],
            email=u["email"],
            password=u["password"],
            first_name=u["first_name"],
            last_name=u["last_name"],
            residence=u["residence"],
            phone=u["phone"],
            date_of_birth=u["date_of_birth"],
            address_city=u["address_city"],
            address_line_1=u["address_line_1"],
            address_postcode=u["address_postcode"],
            consents={int(k): v for k, v in u["consents"].items()},
            login_history=[LoginRecord(**r) for r in u["login_history"]],
        )
        for a in u["accounts"]:
            account = Account(
                loginid=a["loginid"],
                user_id=user.user_id,
                currency=a["currency"],
                balance=Decimal(a["balance"]),
                landing_company=a["landing_company"],
                broker=a["broker"],
                is_virtual=a["is_virtual"],
                is_disabled=a["is_disabled"],
                excluded_until=a["excluded_until"],
                created_at=a["created_at"],
                token=a["token"],
            )
            user.accounts.append(account)
            world.accounts[account.loginid] = account
        world.users[user.user_id] = user
    for t in data["tokens"]:
        world.tokens[t["value"]] = Token(
            value=t["value"],
            kind=TokenKind(t["kind"]),
            loginid=t["loginid"],
            scopes=tuple(t["scopes"]),
            display_name=t["display_name"],
            app_id=t["app_id"],
            valid_for_ip=t["valid_for_ip"],
            last_used=t["last_used"],
            created=t["created"],
        )


def write_atomically(path: Path, text: str) -> None:
    """Write via a 0600 temp file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600, so the secrets are never readable by others.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class StateFile(WorldObserver):
    """Keeps a world saved in one JSON file."""

    def __init__(self, path: Path, world: World) -> None:
        self.path = path
        self.world = world
        self.saves = 0
        self._pending: asyncio.TimerHandle | None = None
        self._dirty = False

    def load_into(self) -> bool:
        """Load the file into the (empty) world; False when there is no file yet."""
        if not self.path.exists():
            return False
        load_world(json.loads(self.path.read_text(encoding="utf-8")), self.world)
        return True

    def save(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        self._dirty = False
        write_atomically(self.path, json.dumps(dump_world(self.world), indent=1))
        self.saves += 1

    def world_changed(self) -> None:
        self._dirty = True
        if self._pending is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop yet (set-up before start): saved at start
        self._pending = loop.call_later(SAVE_DELAY, self.save)

    def flush(self) -> None:
        if self._dirty or self._pending is not None:
            self.save()
