"""The sign-in window's Settings area: which server, which app id, its registered redirect URL,
the language and the proxy, checked before anything is saved.

It only edits a :class:`ConnectionProfile`; the composition root persists it and rebuilds the
connection, so nothing here touches files or sockets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.gui.mnemonics import set_keyed_text
from deriv_desktop.gui.profile_words import api_name, api_texts
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.widgets.proxy_fields import ProxyFields
from deriv_desktop.gui.widgets.screen_fit import keep_wrapped_height
from deriv_desktop.gui.widgets.sign_in_parts import link_button, muted
from deriv_desktop.gui.widgets.sign_in_texts import language_names
from deriv_desktop.services.api_kinds import API_KINDS, LEGACY, BrowserRoute, api_kind
from deriv_desktop.services.profile import (
    DEFAULT_REDIRECT,
    DERIV_OAUTH,
    DERIV_SERVER,
    SANDBOX_SERVER,
    SCHEME_REDIRECT,
    ConnectionProfile,
    RedirectKind,
    ServerKind,
    is_valid_app_id,
    is_valid_new_app_id,
    is_valid_oauth_url,
    is_valid_relay_url,
    is_valid_server,
    redirect_has_port,
    redirect_kind,
)


def api_names() -> list[tuple[str, str]]:
    return [(kind.key, api_name(kind)) for kind in API_KINDS]


class SignInSettings(QWidget):
    """Emits ``applied(ConnectionProfile)`` when the user saves a valid profile, and
    ``cancelled`` when the user leaves without saving (the fields are reset)."""

    applied = Signal(object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profile = ConnectionProfile()
        self._custom_server = ""
        self._custom_oauth = ""
        # Each API has its own app id and return address; the two fields show the chosen API's.
        self._values = {kind.key: ("", kind.default_return) for kind in API_KINDS}
        self._shown_api = LEGACY.key

        self.api_combo = QComboBox(self)
        for code, name in api_names():
            self.api_combo.addItem(name, code)
        self.api_hint = QLabel(self)
        self.api_hint.setWordWrap(True)
        self.api_hint.setTextFormat(Qt.TextFormat.PlainText)

        self.deriv_radio = QRadioButton(tr("SignInSettings", "&Deriv (wss://ws.derivws.com)"), self)
        self.custom_radio = QRadioButton(tr("SignInSettings", "C&ustom server"), self)
        self.sandbox_radio = QRadioButton(tr("SignInSettings", "&Built-in sandbox (offline)"), self)
        self.server_group = QButtonGroup(self)
        for button in (self.deriv_radio, self.custom_radio, self.sandbox_radio):
            self.server_group.addButton(button)
        self.server_edit = QLineEdit(self)
        self.server_edit.setPlaceholderText("wss://ws.example.com/websockets/v3")
        self.server_edit.setAccessibleName(tr("SignInSettings", "Custom server address"))
        self.oauth_edit = QLineEdit(self)
        self.oauth_edit.setPlaceholderText("https://oauth.example.com/oauth2/authorize")
        self.oauth_edit.setAccessibleName(tr("SignInSettings", "Custom sign-in page"))
        self.app_id_edit = QLineEdit(self)
        self.app_id_edit.setPlaceholderText(tr("SignInSettings", "e.g. 12345"))
        self.app_id_edit.setMaxLength(10)
        self.redirect_edit = QLineEdit(self)
        self.redirect_edit.setPlaceholderText(DEFAULT_REDIRECT)
        self.presets_label = QLabel(tr("SignInSettings", "Use:"), self)
        self.loopback_preset = QPushButton(tr("SignInSettings", "T&his computer"), self)
        self.loopback_preset.setToolTip(DEFAULT_REDIRECT)
        self.scheme_preset = QPushButton(tr("SignInSettings", "Deriv Des&ktop link"), self)
        self.scheme_preset.setToolTip(SCHEME_REDIRECT)
        for preset in (self.loopback_preset, self.scheme_preset):
            link_button(preset)
        self.language_combo = QComboBox(self)
        for code, name in language_names():
            self.language_combo.addItem(name, code)
        self.proxy_fields = ProxyFields(self)
        self.redirect_hint = QLabel(self)
        self.redirect_hint.setWordWrap(True)
        self.redirect_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #c4212b;")
        self.error_label.hide()
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.hide()
        self.save_button = QPushButton(tr("SignInSettings", "&Save"), self)
        self.save_button.setAutoDefault(True)
        self.cancel_button = QPushButton(tr("SignInSettings", "&Cancel"), self)

        self._build_layout()
        for label in (self.redirect_hint, self.note_label, self.api_hint, self.error_label):
            keep_wrapped_height(label)
        for label in (self.redirect_hint, self.note_label, self.presets_label, self.api_hint):
            muted(label)
            label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.server_group.buttonToggled.connect(self._server_choice_changed)
        self.api_combo.currentIndexChanged.connect(self._api_changed)
        self.redirect_edit.textChanged.connect(self._refresh_hint)
        self.loopback_preset.clicked.connect(lambda: self.redirect_edit.setText(DEFAULT_REDIRECT))
        self.scheme_preset.clicked.connect(lambda: self.redirect_edit.setText(SCHEME_REDIRECT))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)
        for edit in (self.server_edit, self.oauth_edit, self.app_id_edit, self.redirect_edit):
            edit.returnPressed.connect(self.save)
        self.set_profile(self._profile)

    def _build_layout(self) -> None:
        servers = QVBoxLayout()
        servers.setSpacing(4)
        servers.addWidget(self.deriv_radio)
        servers.addWidget(self.custom_radio)
        custom = QFormLayout()
        custom.setContentsMargins(24, 0, 0, 0)
        custom.addRow(
            tr("SignInSettings", "S&erver", "the custom server's address field"), self.server_edit
        )
        custom.addRow(tr("SignInSettings", "Si&gn-in page"), self.oauth_edit)
        servers.addLayout(custom)
        self._custom_form = custom
        for edit in (self.server_edit, self.oauth_edit):  # a nested form row may be squeezed
            edit.setMinimumHeight(edit.minimumSizeHint().height())
        servers.addWidget(self.sandbox_radio)

        presets = QHBoxLayout()
        presets.setSpacing(6)
        presets.addWidget(self.presets_label)
        presets.addWidget(self.loopback_preset)
        presets.addWidget(self.scheme_preset)
        presets.addStretch(1)
        redirect_box = QVBoxLayout()
        redirect_box.setSpacing(4)
        redirect_box.addWidget(self.redirect_edit)
        redirect_box.addLayout(presets)
        redirect_box.addWidget(self.redirect_hint)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(8)
        form.setHorizontalSpacing(12)
        api_label = QLabel(tr("SignInSettings", "A&PI"), self)
        api_label.setBuddy(self.api_combo)
        api_box = QVBoxLayout()
        api_box.setSpacing(4)
        api_box.addWidget(self.api_combo)
        api_box.addWidget(self.api_hint)
        form.addRow(api_label, api_box)
        server_label = QLabel(tr("SignInSettings", "Server"), self)
        form.addRow(server_label, servers)
        app_label = QLabel(tr("SignInSettings", "&App ID"), self)
        app_label.setBuddy(self.app_id_edit)
        form.addRow(app_label, self.app_id_edit)
        self.redirect_label = QLabel(tr("SignInSettings", "&Return address"), self)
        self.redirect_label.setBuddy(self.redirect_edit)
        form.addRow(self.redirect_label, redirect_box)
        language_label = QLabel(tr("SignInSettings", "&Language"), self)
        language_label.setBuddy(self.language_combo)
        form.addRow(language_label, self.language_combo)
        proxy_label = QLabel(tr("SignInSettings", "Pro&xy"), self)
        proxy_label.setBuddy(self.proxy_fields.mode_combo)
        form.addRow(proxy_label, self.proxy_fields)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

    def tab_stops(self) -> list[QWidget]:
        """The controls in the order they show: the form row by row (the custom server's fields
        under their radio button), then Cancel and Save."""
        proxy = self.proxy_fields
        return [
            self.api_combo,
            self.deriv_radio,
            self.custom_radio,
            self.server_edit,
            self.oauth_edit,
            self.sandbox_radio,
            self.app_id_edit,
            self.redirect_edit,
            self.loopback_preset,
            self.scheme_preset,
            self.language_combo,
            proxy.mode_combo,
            proxy.host_edit,
            proxy.port_edit,
            proxy.user_edit,
            proxy.password_edit,
            self.cancel_button,
            self.save_button,
        ]

    # ------------------------------------------------------------------ reading / writing
    @property
    def profile(self) -> ConnectionProfile:
        """The last profile given or saved."""
        return self._profile

    def set_profile(self, profile: ConnectionProfile, *, note: str = "") -> None:
        """Show ``profile``; ``note`` explains values that came from the command line."""
        self._profile = profile
        kind = profile.kind
        if kind is ServerKind.CUSTOM:
            self._custom_server, self._custom_oauth = profile.server, profile.oauth_url
        radio = {
            ServerKind.DERIV: self.deriv_radio,
            ServerKind.CUSTOM: self.custom_radio,
            ServerKind.SANDBOX: self.sandbox_radio,
        }[kind]
        radio.setChecked(True)
        self._values = {kind.key: profile.api_values(kind) for kind in API_KINDS}
        self._shown_api = profile.api_kind.key
        app_id, redirect = self._values[self._shown_api]
        self.app_id_edit.setText(app_id)
        self.redirect_edit.setText(redirect)
        self.api_combo.blockSignals(True)
        self.api_combo.setCurrentIndex(max(self.api_combo.findData(profile.api), 0))
        self.api_combo.blockSignals(False)
        index = self.language_combo.findData(profile.language)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.proxy_fields.set_proxy(profile.proxy)
        self._api_changed()
        self.error_label.hide()
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

    def edited_profile(self) -> ConnectionProfile:
        """What the fields say now (not validated)."""
        if self.sandbox_radio.isChecked():
            server, oauth = SANDBOX_SERVER, self._profile.oauth_url
        elif self.custom_radio.isChecked():
            server, oauth = self.server_edit.text().strip(), self.oauth_edit.text().strip()
        else:
            server, oauth = DERIV_SERVER, DERIV_OAUTH
        profile = ConnectionProfile(
            server=server,
            oauth_url=oauth,
            language=str(self.language_combo.currentData() or "en"),
            api=self._shown_api,
            proxy=self.proxy_fields.proxy(),
        )
        for key, (app_id, returns_to) in self._current_values().items():
            profile = profile.with_api_values(api_kind(key), app_id, returns_to)
        return profile

    def _current_values(self) -> dict[str, tuple[str, str]]:
        values = dict(self._values)
        values[self._shown_api] = (
            self.app_id_edit.text().strip(),
            self.redirect_edit.text().strip(),
        )
        return values

    def problems(self, profile: ConnectionProfile) -> list[str]:
        """Sentences for everything that would stop a sign-in with ``profile``."""
        return self._api_problems(profile) + self.proxy_fields.problems()

    def _api_problems(self, profile: ConnectionProfile) -> list[str]:
        if profile.api_kind.browser_route is BrowserRoute.OAUTH2_RELAY:
            return self._new_api_problems(profile)
        found: list[str] = []
        if profile.kind is ServerKind.CUSTOM:
            if not is_valid_server(profile.server):
                found.append(
                    tr(
                        "SignInSettings",
                        "Enter the custom server as a wss:// address (ws:// only for this "
                        "computer).",
                    )
                )
            if not is_valid_oauth_url(profile.oauth_url):
                found.append(
                    tr(
                        "SignInSettings",
                        "Enter the custom sign-in page as an https:// address.",
                    )
                )
        if profile.app_id and not is_valid_app_id(profile.app_id):
            found.append(tr("SignInSettings", "The app id is a number of up to 10 digits."))
        if not profile.app_id and not profile.is_sandbox:
            found.append(
                tr(
                    "SignInSettings",
                    "Enter the app id you registered with Deriv (api.deriv.com → Dashboard → "
                    "Register application).",
                )
            )
        if redirect_kind(profile.redirect_uri) is RedirectKind.INVALID:
            found.append(
                tr(
                    "SignInSettings",
                    "Enter the redirect URL exactly as registered for the app id, for example "
                    "%1 or %2.",
                )
                .replace("%1", DEFAULT_REDIRECT)
                .replace("%2", SCHEME_REDIRECT)
            )
        return found

    def _new_api_problems(self, profile: ConnectionProfile) -> list[str]:
        found: list[str] = []
        if profile.new_app_id and not is_valid_new_app_id(profile.new_app_id):
            found.append(tr("SignInSettings", "The App ID has letters, digits, '-' or '_' only."))
        if not profile.new_app_id and not profile.is_sandbox:
            found.append(
                tr(
                    "SignInSettings",
                    "Enter the App ID of the app you registered on developers.deriv.com.",
                )
            )
        if profile.relay_url and not is_valid_relay_url(profile.relay_url):
            found.append(
                tr(
                    "SignInSettings",
                    "Enter the redirect URL registered for your OAuth app: "
                    "http://127.0.0.1/deriv-desktop/callback, or the https:// address of your "
                    "relay page. Leave it empty to sign in with a personal access token.",
                )
            )
        return found

    def cancel(self) -> None:
        self.set_profile(self._profile, note=self.note_label.text())
        self.cancelled.emit()

    def save(self) -> bool:
        """Validate and emit ``applied``; returns whether the profile was accepted."""
        profile = self.edited_profile()
        problems = self.problems(profile)
        if problems:
            self.error_label.setText("\n".join(problems))
            self.error_label.show()
            return False
        self.error_label.hide()
        self._profile = profile
        self.applied.emit(profile)
        return True

    # ------------------------------------------------------------------ reactions
    def _api_changed(self, *_args: object) -> None:
        """Swap the app id and redirect fields to the chosen API's values and name them."""
        api = api_kind(str(self.api_combo.currentData() or LEGACY.key)).key
        if api != self._shown_api:
            self._values = self._current_values()
            self._shown_api = api
            app_id, redirect = self._values[api]
            self.app_id_edit.setText(app_id)
            self.redirect_edit.setText(redirect)
        kind = api_kind(api)
        texts = api_texts(kind)
        if not kind.custom_server and self.custom_radio.isChecked():
            self.deriv_radio.setChecked(True)
        self.custom_radio.setEnabled(kind.custom_server)
        set_keyed_text(self.deriv_radio, texts.deriv_server)
        self.app_id_edit.setMaxLength(kind.app_id_max_length)
        self.app_id_edit.setPlaceholderText(texts.app_id_placeholder)
        set_keyed_text(self.redirect_label, texts.return_label)
        self.redirect_edit.setPlaceholderText(texts.return_placeholder)
        # Ready-made redirect URLs exist only where the app catches the answer itself.
        presets = kind.browser_route is BrowserRoute.ACCOUNT_TOKENS
        for widget in (self.presets_label, self.loopback_preset, self.scheme_preset):
            widget.setVisible(presets)
        self.api_hint.setText(texts.hint)
        self._server_choice_changed()

    def _server_choice_changed(self, *_args: object) -> None:
        custom = self.custom_radio.isChecked()
        if custom:
            self.server_edit.setText(self._custom_server)
            self.oauth_edit.setText(self._custom_oauth)
        for edit in (self.server_edit, self.oauth_edit):
            edit.setEnabled(custom)
        for row in range(self._custom_form.rowCount()):  # shown only when they apply
            self._custom_form.setRowVisible(row, custom)
        self._refresh_hint()

    def _refresh_hint(self, *_args: object) -> None:
        if api_kind(self._shown_api).browser_route is BrowserRoute.OAUTH2_RELAY:
            self.redirect_hint.setText(self._relay_hint())
            return
        uri = self.redirect_edit.text().strip()
        kind = redirect_kind(uri)
        if kind is RedirectKind.LOOPBACK:
            if redirect_has_port(uri) and not self.sandbox_radio.isChecked():
                text = tr(
                    "SignInSettings",
                    "Deriv does not accept a port in a registered redirect URL; register it "
                    "without one.",
                )
            elif self.sandbox_radio.isChecked():
                text = tr(
                    "SignInSettings",
                    "The sandbox registers this address for you, on a free port.",
                )
            else:
                text = tr(
                    "SignInSettings",
                    "Where Deriv sends your browser back after you sign in: Deriv Desktop listens "
                    "on this address of your own computer (port 80). If the system does not "
                    "allow that, paste the address your browser ends on.",
                )
        elif kind is RedirectKind.SCHEME:
            text = tr(
                "SignInSettings",
                "Where Deriv sends your browser back after you sign in: a link that opens "
                "Deriv Desktop (the installer sets it up).",
            )
        elif kind is RedirectKind.WEB:
            text = tr(
                "SignInSettings",
                "Deriv sends you to this web page; paste the address it shows into Deriv Desktop.",
            )
        else:
            text = tr(
                "SignInSettings",
                "Where Deriv sends your browser back after you sign in: the redirect URL you "
                "registered for your app id.",
            )
        self.redirect_hint.setText(text)

    def _relay_hint(self) -> str:
        if self.sandbox_radio.isChecked():
            return tr(
                "SignInSettings",
                "Leave it empty: the sandbox hosts the relay page and registers it for you.",
            )
        return tr(
            "SignInSettings",
            "Where Deriv sends your browser back after you sign in: the redirect URL you "
            "registered for your OAuth app, best http://127.0.0.1/deriv-desktop/callback, else "
            "the https address of your relay page (see the README). Leave it empty to sign in "
            "with a personal access token only.",
        )
