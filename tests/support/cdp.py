"""A small Chrome DevTools Protocol driver, so tests can use headless Chromium like a person.

``--dump-dom`` only loads a page; the sandbox's OAuth pages need typing into a sign-in form and
pressing a consent button.  This module starts Chromium with ``--remote-debugging-port=0``,
learns the DevTools WebSocket URL from Chromium's own "DevTools listening on ..." line on stderr
(no polling), attaches to one page target over a single ``websockets`` connection (flattened
sessions) and exposes a handful of awaitable actions.  Input is real: clicks are
``Input.dispatchMouseEvent`` at the element's centre and typing is ``Input.insertText`` into the
focused field, so the page sees the same events as from a user.

Everything is event driven: navigation and load state come from ``Page.frameNavigated`` and
``Page.lifecycleEvent``; waiting for an element uses a MutationObserver promise.  It works on any
asyncio loop that supports ``connect_read_pipe`` (plain asyncio and qasync).

URLs in error messages are shown without query string or fragment: an OAuth redirect carries a
code there.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

#: Flags for headless Chromium as root on a box without GPU, D-Bus session or network
#: (test-environment.md section 4).  ``--password-store=basic`` keeps it off the Secret Service.
HEADLESS_FLAGS: tuple[str, ...] = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-extensions",
    "--password-store=basic",
)

_DEVTOOLS_LINE = re.compile(rb"DevTools listening on (ws://\S+)")
_CONTEXT_GONE = (
    "Execution context was destroyed",
    "Cannot find context",
    "Cannot find default execution context",
    "Inspected target navigated or closed",
)

_WAIT_FOR_SELECTOR_JS = """
(selector) => new Promise((resolve) => {
  if (document.querySelector(selector)) { resolve(true); return; }
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { observer.disconnect(); resolve(true); }
  });
  observer.observe(document, {childList: true, subtree: true, attributes: true});
})
"""

_ELEMENT_CENTRE_JS = """
(selector) => {
  const element = document.querySelector(selector);
  if (!element) { return null; }
  element.scrollIntoView({block: 'center', inline: 'center'});
  const box = element.getBoundingClientRect();
  return {x: box.left + box.width / 2, y: box.top + box.height / 2,
          width: box.width, height: box.height};
}
"""

_FOCUS_AND_CLEAR_JS = """
(selector) => {
  const element = document.querySelector(selector);
  if (!element) { return false; }
  element.focus();
  if (typeof element.select === 'function') { element.select(); }
  return document.activeElement === element;
}
"""


class CDPError(RuntimeError):
    """A DevTools command failed, or Chromium went away."""


def redact_url(url: str) -> str:
    """``url`` without query and fragment, safe for error messages."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def chromium_env(profile_dir: Path) -> dict[str, str]:
    """Environment that keeps Chromium's config and cache inside ``profile_dir``.

    Even with ``--user-data-dir`` Chromium writes ``~/.config/chromium/Crash Reports`` unless
    XDG_CONFIG_HOME points elsewhere.
    """
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(profile_dir / "xdg-config")
    env["XDG_CACHE_HOME"] = str(profile_dir / "xdg-cache")
    return env


class ChromiumPage:
    """One headless Chromium process with one page, driven over DevTools.

    Create with ``await ChromiumPage.launch()`` or ``async with launch_chromium() as page``.
    """

    def __init__(
        self,
        process: subprocess.Popen[bytes],
        profile_dir: Path,
        owns_profile: bool,
        stderr_reader: asyncio.StreamReader,
        stderr_tail: collections.deque[str],
    ) -> None:
        self._process = process
        self._profile_dir = profile_dir
        self._owns_profile = owns_profile
        self._stderr_reader = stderr_reader
        self._stderr_tail = stderr_tail
        self._stderr_task: asyncio.Task[None] | None = None
        self._ws: Any = None
        self._reader_task: asyncio.Task[None] | None = None
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._next_id = 0
        self._session_id: str | None = None
        self._main_frame = ""
        self._url = ""
        self._loader_id = ""
        self._loaded: set[str] = set()
        self._navigations = 0
        self._changed = asyncio.Event()
        self._failure: CDPError | None = None
        self._closed = False

    # -- lifecycle ---------------------------------------------------------------------------

    @classmethod
    async def launch(
        cls,
        chromium: str = "chromium",
        *,
        profile_dir: Path | None = None,
        window_size: tuple[int, int] = (1280, 900),
        extra_args: tuple[str, ...] = (),
        timeout: float = 30.0,
    ) -> ChromiumPage:
        """Start Chromium and attach to a fresh ``about:blank`` page."""
        owns_profile = profile_dir is None
        profile = profile_dir or Path(tempfile.mkdtemp(prefix="cdp-chromium-"))
        command = [
            chromium,
            *HEADLESS_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1",
            f"--window-size={window_size[0]},{window_size[1]}",
            *extra_args,
            "about:blank",
        ]
        # Popen returns at once.  asyncio's subprocess API is not used: Popen plus
        # connect_read_pipe needs only add_reader, so the same code runs on qasync loops.
        process = subprocess.Popen(  # noqa: ASYNC220
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=chromium_env(profile),
            start_new_session=True,  # one process group to clean up, whatever happens
        )
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=1 << 20)
        tail: collections.deque[str] = collections.deque(maxlen=200)
        page = cls(process, profile, owns_profile, reader, tail)
        try:
            await loop.connect_read_pipe(
                lambda: asyncio.StreamReaderProtocol(reader), process.stderr
            )
            ws_url = await asyncio.wait_for(page._devtools_url(), timeout)
            page._stderr_task = asyncio.create_task(page._drain_stderr())
            await asyncio.wait_for(page._connect(ws_url), timeout)
        except BaseException:
            await page.close()
            raise
        return page

    async def close(self) -> None:
        """Close the browser, reap it and its process group, and remove an owned profile."""
        if self._closed:
            return
        self._closed = True
        if self._ws is not None:
            with contextlib.suppress(CDPError, TimeoutError):
                await self._call("Browser.close", session=False, timeout=5.0)
            await self._ws.close()
        if self._reader_task is not None:
            self._reader_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader_task
        if self._process.poll() is None and self._ws is None:
            self._process.terminate()
        # stderr reaches EOF once Chromium and all its helpers have exited.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stderr_finished(), 10.0)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGKILL)
        if self._stderr_task is not None and not self._stderr_task.done():
            self._stderr_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._stderr_task
        self._process.wait(10)
        if self._owns_profile:
            shutil.rmtree(self._profile_dir, ignore_errors=True)

    async def __aenter__(self) -> ChromiumPage:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # -- public actions ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """URL of the document currently committed in the main frame."""
        return self._url

    def stderr_tail(self) -> str:
        """Chromium's last stderr lines, for diagnosing a failure."""
        return "\n".join(self._stderr_tail)

    async def navigate(self, url: str, *, timeout: float = 15.0) -> None:
        """Load ``url`` (following redirects) and wait for its ``load`` event."""
        result = await self._call("Page.navigate", {"url": url}, timeout=timeout)
        if result.get("errorText"):
            raise CDPError(f"navigation to {redact_url(url)} failed: {result['errorText']}")
        loader_id = result.get("loaderId")
        if loader_id:
            await self._wait_until(
                lambda: loader_id in self._loaded, timeout, f"load of {redact_url(url)}"
            )

    async def wait_for_load(self, *, timeout: float = 15.0) -> None:
        """Wait until the current main-frame document has fired ``load``."""
        await self._wait_until(self._current_loaded, timeout, "page load")

    async def wait_for_url(self, predicate: Callable[[str], bool], *, timeout: float = 15.0) -> str:
        """Wait until the main frame's URL satisfies ``predicate``; return that URL."""
        await self._wait_until(lambda: predicate(self._url), timeout, "expected URL")
        return self._url

    async def wait_for_selector(self, selector: str, *, timeout: float = 10.0) -> None:
        """Wait until ``selector`` matches in the current document, across navigations."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        expression = f"({_WAIT_FOR_SELECTOR_JS})({json.dumps(selector)})"
        while True:
            navigations = self._navigations
            await self._wait_until(self._current_loaded, deadline - loop.time(), "page load")
            try:
                await self.evaluate(expression, timeout=max(deadline - loop.time(), 0.0))
                return
            except TimeoutError:
                raise TimeoutError(
                    f"selector {selector!r} did not appear within {timeout} s"
                ) from None
            except CDPError as error:
                if not any(marker in str(error) for marker in _CONTEXT_GONE):
                    raise
            # The document was replaced while we waited: wait for the next one and retry.
            await self._wait_until(
                functools.partial(self._navigated_since, navigations),
                deadline - loop.time(),
                "navigation",
            )

    async def fill(self, selector: str, text: str, *, timeout: float = 10.0) -> None:
        """Focus the field, select its content and type ``text`` over it."""
        await self.wait_for_selector(selector, timeout=timeout)
        focused = await self.evaluate(
            f"({_FOCUS_AND_CLEAR_JS})({json.dumps(selector)})", timeout=timeout
        )
        if not focused:
            raise CDPError(f"could not focus {selector!r}")
        if text:
            await self._call("Input.insertText", {"text": text}, timeout=timeout)
        else:
            await self._press_key("Delete", timeout)

    async def click(
        self, selector: str, *, wait_for_navigation: bool = False, timeout: float = 10.0
    ) -> None:
        """Click the centre of the element; optionally wait for the page it leads to."""
        await self.wait_for_selector(selector, timeout=timeout)
        box = await self.evaluate(
            f"({_ELEMENT_CENTRE_JS})({json.dumps(selector)})", timeout=timeout
        )
        if not box or box["width"] <= 0 or box["height"] <= 0:
            raise CDPError(f"{selector!r} is not visible, cannot click it")
        navigations = self._navigations
        x, y = box["x"], box["y"]
        await self._call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            await self._call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
                timeout=timeout,
            )
        if wait_for_navigation:
            await self._wait_until(
                lambda: self._navigations > navigations and self._current_loaded(),
                timeout,
                f"navigation after clicking {selector!r}",
            )

    async def evaluate(self, expression: str, *, timeout: float = 10.0) -> Any:
        """Evaluate JavaScript in the page (awaiting promises) and return the JSON value."""
        result = await self._call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            description = details.get("exception", {}).get("description") or details.get("text")
            raise CDPError(f"JavaScript error: {description}")
        return result.get("result", {}).get("value")

    async def content(self) -> str:
        """The current document's serialised HTML."""
        html = await self.evaluate("document.documentElement.outerHTML")
        return str(html)

    async def text(self) -> str:
        """The visible text of the current document (``body.innerText``)."""
        value = await self.evaluate("document.body ? document.body.innerText : ''")
        return str(value)

    async def screenshot(self, path: Path) -> Path:
        """Save a PNG of the viewport to ``path``."""
        result = await self._call("Page.captureScreenshot", {"format": "png"}, timeout=15.0)
        path.write_bytes(base64.b64decode(result["data"]))  # noqa: ASYNC240 - one small file
        return path

    # -- internals ---------------------------------------------------------------------------

    def _current_loaded(self) -> bool:
        return self._loader_id in self._loaded

    def _navigated_since(self, navigations: int) -> bool:
        return self._navigations > navigations

    async def _press_key(self, key: str, timeout: float) -> None:
        for kind in ("keyDown", "keyUp"):
            await self._call(
                "Input.dispatchKeyEvent", {"type": kind, "key": key, "code": key}, timeout=timeout
            )

    async def _devtools_url(self) -> str:
        while True:
            line = await self._stderr_reader.readline()
            if not line:
                raise CDPError(
                    f"Chromium exited before DevTools was ready; stderr:\n{self.stderr_tail()}"
                )
            self._stderr_tail.append(line.decode(errors="replace").rstrip())
            match = _DEVTOOLS_LINE.search(line)
            if match:
                return match.group(1).decode()

    async def _drain_stderr(self) -> None:
        while line := await self._stderr_reader.readline():
            self._stderr_tail.append(line.decode(errors="replace").rstrip())

    async def _stderr_finished(self) -> None:
        if self._stderr_task is not None:
            await asyncio.shield(self._stderr_task)
        else:
            while await self._stderr_reader.read(65536):
                pass

    async def _connect(self, ws_url: str) -> None:
        from websockets.asyncio.client import connect

        # No proxy (loopback only), no size limit (screenshots), no keepalive pings.
        self._ws = await connect(
            ws_url, max_size=None, ping_interval=None, proxy=None, compression=None
        )
        self._reader_task = asyncio.create_task(self._read_messages())
        target = await self._call("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = await self._call(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )
        self._session_id = attached["sessionId"]
        await self._call("Page.enable")
        await self._call("Page.setLifecycleEventsEnabled", {"enabled": True})
        tree = await self._call("Page.getFrameTree")
        frame = tree["frameTree"]["frame"]
        self._main_frame = frame["id"]
        self._url = frame["url"]
        self._loader_id = frame["loaderId"]
        if await self.evaluate("document.readyState") == "complete":
            self._loaded.add(self._loader_id)

    async def _call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: bool = True,
        timeout: float = 10.0,
    ) -> dict[str, Any]:
        if self._failure is not None:
            raise self._failure
        if self._ws is None:
            raise CDPError("not connected to Chromium")
        self._next_id += 1
        message_id = self._next_id
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session and self._session_id is not None:
            message["sessionId"] = self._session_id
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = future
        try:
            await self._ws.send(json.dumps(message))
            reply = await asyncio.wait_for(future, timeout)
        except TimeoutError:
            raise TimeoutError(f"DevTools {method} got no reply within {timeout} s") from None
        finally:
            self._pending.pop(message_id, None)
        if "error" in reply:
            error = reply["error"]
            raise CDPError(f"{method}: {error.get('message')} ({error.get('code')})")
        result: dict[str, Any] = reply.get("result", {})
        return result

    async def _read_messages(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in self._ws:
                message = json.loads(raw)
                if "id" in message:
                    future = self._pending.get(message["id"])
                    if future is not None and not future.done():
                        future.set_result(message)
                elif message.get("sessionId") == self._session_id or "sessionId" not in message:
                    self._on_event(message.get("method", ""), message.get("params", {}))
        except ConnectionClosed:
            pass
        finally:
            self._failure = self._failure or CDPError("the DevTools connection closed")
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(self._failure)
            self._signal()

    def _on_event(self, method: str, params: dict[str, Any]) -> None:
        if method == "Page.frameNavigated":
            frame = params["frame"]
            if frame["id"] == self._main_frame:
                self._url = frame["url"]
                self._loader_id = frame["loaderId"]
                self._navigations += 1
        elif method == "Page.navigatedWithinDocument":
            if params.get("frameId") == self._main_frame:
                self._url = params["url"]
        elif method == "Page.lifecycleEvent":
            if params.get("frameId") == self._main_frame and params.get("name") == "load":
                self._loaded.add(params["loaderId"])
        elif method == "Inspector.targetCrashed":
            self._failure = CDPError("the Chromium page crashed")
        elif method == "Inspector.detached" or (
            method == "Target.detachedFromTarget" and params.get("sessionId") == self._session_id
        ):
            self._failure = self._failure or CDPError("detached from the Chromium page")
        else:
            return
        self._signal()

    def _signal(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def _wait_until(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self._failure is not None:
                raise self._failure
            changed = self._changed
            if predicate():
                return
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"no {what} within {timeout:.1f} s (at {redact_url(self._url)})")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), remaining)


@contextlib.asynccontextmanager
async def launch_chromium(
    chromium: str = "chromium", **options: Any
) -> AsyncIterator[ChromiumPage]:
    """``async with launch_chromium() as page:`` — the page is closed on exit."""
    page = await ChromiumPage.launch(chromium, **options)
    try:
        yield page
    finally:
        await page.close()
