"""A recording ``org.freedesktop.Notifications`` service, run as its own process on a private bus.

    python -m tests.support.notification_server BUS_ADDRESS RECORD_FILE

It owns the name, answers ``Notify`` with increasing ids and appends each notification as one
JSON line to RECORD_FILE ({"id", "app", "summary", "body", "actions"}). ``Click(id)`` on the
``org.deriv_desktop.test.Recorder`` interface makes it emit ``ActionInvoked(id, "default")``,
as a desktop does when the user clicks the notification. It prints ``ready`` once it owns the name.
"""

from __future__ import annotations

import json
import sys

from jeepney import (  # type: ignore[import-untyped]
    HeaderFields,
    MessageType,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from jeepney.wrappers import DBusAddress  # type: ignore[import-untyped]

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
RECORDER = "org.deriv_desktop.test.Recorder"


def serve(bus_address: str, record_file: str) -> None:
    connection = open_dbus_connection(bus=bus_address)
    reply = connection.send_and_get_reply(message_bus.RequestName(SERVICE, 4), timeout=5)
    if reply.body[0] != 1:
        raise SystemExit(f"could not own {SERVICE}: {reply.body}")
    print("ready", flush=True)
    next_id = 1
    emitter = DBusAddress(PATH, interface=SERVICE)
    while True:
        message = connection.receive()
        if message.header.message_type is not MessageType.method_call:
            continue
        member = message.header.fields.get(HeaderFields.member)
        interface = message.header.fields.get(HeaderFields.interface)
        if member == "Notify":
            app, _replaces, _icon, summary, body, actions, _hints, _timeout = message.body
            record = {"id": next_id, "app": app, "summary": summary, "body": body}
            record["actions"] = list(actions)
            with open(record_file, "a", encoding="utf-8") as out:
                out.write(json.dumps(record) + "\n")
            connection.send(new_method_return(message, "u", (next_id,)))
            next_id += 1
        elif member == "GetServerInformation":
            info = ("recorder", "deriv-desktop tests", "1", "1.2")
            connection.send(new_method_return(message, "ssss", info))
        elif member == "GetCapabilities":
            connection.send(new_method_return(message, "as", (["actions", "body"],)))
        elif member == "CloseNotification":
            connection.send(new_method_return(message))
        elif interface == RECORDER and member == "Click":
            (notification_id,) = message.body
            connection.send(
                new_signal(emitter, "ActionInvoked", "us", (notification_id, "default"))
            )
            connection.send(new_method_return(message))
        else:
            connection.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2])
