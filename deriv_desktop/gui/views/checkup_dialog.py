"""Tools ▸ Security checkup: every signed-in account's risky tokens and apps, ranked, each with
why it matters and a one-click fix.

Built on the token manager's base (``AccountToolDialog``): the message bar, the table with its
filter and CSV export, failures in ``failure_text``'s words, confirm-then-change, work on the
task registry that stops touching the dialog once it closed. There is no account picker: the
checkup covers every account, and Re-run asks Deriv again for every list. The findings come
from ``SecurityCheckup`` (``ctx.checkup``), whose report follows any token or app change made
anywhere in the app.

"Replace with a safer token" asks for the new token's name, scopes and IP lock (the create form
of the token manager), creates it, shows it once (the token manager's one-time panel and
clipboard rules), then deletes the old one; a failure on either side is said as such.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deriv_desktop.domain.errors import DerivError
from deriv_desktop.domain.models import ApiToken
from deriv_desktop.gui.checkup_text import (
    accounts_text,
    finding_reason,
    finding_title,
    severity_label,
)
from deriv_desktop.gui.clipboard import SecretClipboard, secret_clipboard
from deriv_desktop.gui.context import GuiContext
from deriv_desktop.gui.formatting import app_locale
from deriv_desktop.gui.mnemonics import set_keyed_text
from deriv_desktop.gui.models.checkup import CheckupColumn, CheckupFilterProxy, CheckupModel
from deriv_desktop.gui.models.tokens import value_available
from deriv_desktop.gui.strings import tr
from deriv_desktop.gui.tasks import await_dialog
from deriv_desktop.gui.tool_words import checkup_words
from deriv_desktop.gui.views.account_tools_dialog import AccountToolDialog, ToolWording
from deriv_desktop.gui.views.token_dialog import NewTokenPanel, copy_token_flow
from deriv_desktop.gui.widgets.message_bar import MessageKind
from deriv_desktop.gui.widgets.token_create_form import NewTokenRequest, TokenCreateForm
from deriv_desktop.services.checkup import CheckupReport, Replacement
from deriv_desktop.services.checkup_rules import (
    NEEDED_SCOPES,
    POWER_SCOPES,
    Finding,
    Fix,
    Severity,
)
from deriv_desktop.services.export import CheckupRow, checkup_csv, checkup_html
from deriv_desktop.services.tokens import DASHBOARD_TOKENS_URL, NAME_MAX

ALL_ACCOUNTS = "*"  # ``loaded_for`` once a report shows: it covers every account


def replacement_name(name: str, taken: list[str]) -> str:
    """Deriv refuses a second token with the same name: the old name and a number."""
    used = {t.casefold() for t in taken}
    for n in range(2, 100):
        suffix = f" {n}"
        candidate = name.strip()[: NAME_MAX - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in used:
            return candidate
    return name.strip()


class ReplaceTokenBox(QDialog):
    """The new token's name, scopes and IP lock, started safer than the old token."""

    def __init__(self, parent: QWidget, old: ApiToken, existing: list[ApiToken]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("CheckupDialog", "Replace with a safer token"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.request: NewTokenRequest | None = None
        intro = QLabel(
            tr(
                "CheckupDialog",
                "A new token is created first and shown once; then “%1” is deleted. Give the "
                "new token to the app that used the old one. Lock it to your current IP address "
                "only if that app runs on this computer's network.",
            ).replace("%1", old.display_name),
            self,
        )
        intro.setWordWrap(True)
        self.form = TokenCreateForm(self)
        self.form.set_existing(existing)
        self.form.name_edit.setText(
            replacement_name(old.display_name, [t.display_name for t in existing])
        )
        safer = (old.scopes - POWER_SCOPES) or (old.scopes & NEEDED_SCOPES)
        self.form.scope_picker.set_scopes(safer)
        self.form.ip_only.setChecked(not (old.scopes - POWER_SCOPES))  # Admin-only stays, locked
        self.form.validate()
        self.form.createRequested.connect(self._chosen)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(buttons)

    def _chosen(self, request: NewTokenRequest) -> None:
        self.request = request
        self.accept()


class CheckupDialog(AccountToolDialog[Finding]):
    """See the module docstring."""

    SLUG = "security-checkup"
    DASHBOARD_URL = DASHBOARD_TOKENS_URL
    SIZE, MINIMUM_SIZE = (1120, 700), (720, 440)
    running = False  # a run is on its way (set before the base's constructor asks for buttons)
    model: CheckupModel
    proxy: CheckupFilterProxy

    def __init__(
        self,
        ctx: GuiContext,
        *,
        clipboard: SecretClipboard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent=parent)
        self.clipboard = clipboard or secret_clipboard()
        self.checkup = ctx.checkup
        self.replace_box: ReplaceTokenBox | None = None
        self.picker.hide()
        self.picker_label.hide()
        self.reload_button.setText(tr("CheckupDialog", "&Re-run checkup"))
        self.reload_button.setToolTip(tr("CheckupDialog", "Ask Deriv again for every list (F5)"))
        self._unlink.append(self.checkup.changed.connect(self._report_changed))

    # ------------------------------------------------------------------ construction
    def build_page(self) -> tuple[QWidget, list[QWidget]]:
        self.model = CheckupModel(self)
        self.proxy = CheckupFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        page = QWidget(self)
        self.new_token = NewTokenPanel(page)
        self.new_token.copy_button.clicked.connect(self.copy_new_token)
        self.summary = QLabel(page)
        self.summary.setObjectName("checkup-summary")
        bold = QFont(self.summary.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.summary.setFont(bold)
        self.summary.setWordWrap(True)  # four counts in French do not fit one line at 2x
        self.ran_at = QLabel(page)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.ran_at)
        self.adopt_table(
            CheckupColumn.SUBJECT,
            CheckupColumn.SCOPES,
            {
                CheckupColumn.RISK: 150,
                CheckupColumn.FINDING: 330,
                CheckupColumn.SUBJECT: 170,
                CheckupColumn.ACCOUNTS: 170,
            },
        )
        self.table.sortByColumn(CheckupColumn.RISK, Qt.SortOrder.AscendingOrder)
        self.show_expected = QCheckBox(tr("CheckupDialog", "Show findings marked &expected"), page)
        self.show_expected.toggled.connect(self._show_expected_toggled)
        self.detail = QLabel(page)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setMinimumHeight(48)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.replace_button = QPushButton(tr("CheckupDialog", "Re&place with a safer token…"), page)
        self.replace_button.clicked.connect(self.replace_selected)
        self.delete_button = QPushButton(tr("CheckupDialog", "&Delete token…"), page)
        self.delete_button.clicked.connect(self.delete_selected)
        self.revoke_button = QPushButton(tr("CheckupDialog", "Re&voke access…"), page)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.dashboard_button = QPushButton(tr("CheckupDialog", "Open Deriv's &dashboard"), page)
        self.dashboard_button.clicked.connect(lambda: self.open_link(DASHBOARD_TOKENS_URL))
        self.expected_button = QPushButton(page)
        self.expected_button.clicked.connect(self.toggle_expected)
        fix_buttons = [
            self.replace_button,
            self.delete_button,
            self.revoke_button,
            self.dashboard_button,
            self.expected_button,
        ]
        for button in fix_buttons:  # each shows when the selected finding offers it; hidden
            button.hide()  # until then, they do not all count towards the window's width
        column = self.list_column(
            page,
            filter_hint=tr("CheckupDialog", "Finding, token, app or account"),
            beside_filter=self.show_expected,
            buttons=fix_buttons,
            above_table=summary_row,
        )
        self.html_button = QPushButton(tr("CheckupDialog", "Export &HTML…"), page)
        self.html_button.clicked.connect(self.choose_html_path)
        self.export_button.setToolTip(
            tr("CheckupDialog", "Save the findings as CSV; token values are never written")
        )
        last = column.itemAt(column.count() - 1)
        actions = last.layout() if last is not None else None
        assert actions is not None
        actions.addWidget(self.html_button)
        column.insertWidget(column.count() - 1, self.detail)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.new_token)
        layout.addLayout(column, 1)
        return page, [
            self.new_token.copy_button,
            self.new_token.dismiss_button,
            self.filter_edit,
            self.show_expected,
            *self.table_stack.tab_stops(),
            *fix_buttons,
            self.export_button,
            self.html_button,
        ]

    # ------------------------------------------------------------------ what the base asks
    def wording(self) -> ToolWording:
        return checkup_words()

    def empty_text(self, total: int, shown: int) -> tuple[str, str] | None:
        if total == 0:
            return (
                tr("CheckupDialog", "Nothing to fix"),
                tr("CheckupDialog", "No risky token or connected app was found."),
            )
        if shown == 0:
            return (
                tr("CheckupDialog", "No finding to show"),
                tr(
                    "CheckupDialog",
                    "Change the filter, or show the findings you marked as expected.",
                ),
            )
        return None

    def count_text(self, total: int, shown: int) -> str:
        return (
            tr("CheckupDialog", "Findings shown: %1 of %2")
            .replace("%1", str(shown))
            .replace("%2", str(total))
        )

    def export_csv(self, loginid: str) -> tuple[str, int]:
        rows = self.export_rows()
        return checkup_csv(rows), len(rows)

    def choose_export_path(self) -> Any:
        if self.loaded_for is None or self.model.rowCount() == 0:
            return None
        return self.save_file_dialog(
            self.wording().export_title,
            "deriv-security-checkup.csv",
            tr("AccountToolDialog", "CSV files (*.csv)"),
            self.export_to,
        )

    def forget_secrets(self) -> None:
        self.new_token.dismiss()
        if self.replace_box is not None:
            self.replace_box.reject()
        super().forget_secrets()

    # ------------------------------------------------------------------ running the checkup
    def start(self) -> None:
        self.started = True
        report = self.checkup.report
        if report is not None:  # already run (sign-in, a change): shown at once, no request
            self.show_report(report)
        self.run_checkup(refresh=False)

    def reload(self) -> None:
        """Re-run: every list asked for again."""
        if self.started:
            self.run_checkup(refresh=True)

    def _account_chosen(self, _loginid: str) -> None:
        """No picker here: the checkup covers every account."""

    def run_checkup(self, *, refresh: bool) -> None:
        if self.closed_for_good or self.running:
            return
        self.running = self.loading = True
        if self.loaded_for is None:
            self.show_manager()
            self.table_stack.show_empty(*self.wording().loading)
        self.update_actions()

        def finished(_report: CheckupReport | None = None) -> None:
            self.running = self.loading = False
            self.update_actions()

        def failed(error: BaseException) -> None:
            finished()
            self.show_failure(error, list_failed=self.loaded_for is None)

        self.run(
            self.checkup.run(refresh=refresh), name="checkup", on_done=finished, on_error=failed
        )

    def _report_changed(self, report: CheckupReport) -> None:
        if not self.closed_for_good and self.started:
            self.show_report(report)

    def show_report(self, report: CheckupReport) -> None:
        if self.loaded_for is None or not self.model.same_as(report):  # else: only the time
            kept = self.selected_record()
            self.model.set_report(report)
            # Every finding's name whole (the table scrolls sideways when they are long).
            self.table.resizeColumnToContents(CheckupColumn.FINDING)
            self.loaded_for = ALL_ACCOUNTS
            self.show_manager()
            if kept is None or not self.table_stack.select_source_row(self.model.row_like(kept)):
                self.table_stack.select_first_row()
        self.summary.setText(self.summary_text(report))
        local = report.ran_at.astimezone()
        when = app_locale().toString(
            QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat
        )
        self.ran_at.setText(
            tr("CheckupDialog", "Last run at %2 · accounts checked: %1")
            .replace("%1", str(len(report.accounts)))
            .replace("%2", when)
        )
        self.update_table_state()
        self.update_actions()

    @staticmethod
    def summary_text(report: CheckupReport) -> str:
        count = tr("CheckupDialog", "%1: %2", "a risk level and its number of findings")
        parts = [
            count.replace("%1", severity_label(s)).replace("%2", str(report.count(s)))
            for s in (Severity.HIGH, Severity.MEDIUM, Severity.LOW)
        ]
        marked = sum(1 for f in report.findings if report.is_acknowledged(f))
        parts.append(tr("CheckupDialog", "Marked expected: %1").replace("%1", str(marked)))
        return " · ".join(parts)

    # ------------------------------------------------------------------ selection and buttons
    def selected_finding(self) -> Finding | None:
        return self.selected_record()

    def select_finding(self, finding_id: str) -> bool:
        return self.table_stack.select_source_row(self.model.row_of(finding_id))

    def update_actions(self) -> None:
        super().update_actions()
        self.reload_button.setEnabled(not self._busy and not self.running)
        finding = self.selected_finding()
        ready = finding is not None and not self._busy
        fixes = finding.fixes if finding is not None else ()
        self.replace_button.setVisible(Fix.REPLACE_TOKEN in fixes)
        self.delete_button.setVisible(Fix.DELETE_TOKEN in fixes)
        self.revoke_button.setVisible(Fix.REVOKE_APP in fixes)
        self.dashboard_button.setVisible(Fix.OPEN_DASHBOARD in fixes)
        for button in (self.replace_button, self.delete_button, self.revoke_button):
            button.setEnabled(ready)
        self.dashboard_button.setEnabled(finding is not None)
        expected = finding is not None and self.model.is_expected(finding)
        set_keyed_text(
            self.expected_button,
            tr("CheckupDialog", "&Not expected any more")
            if expected
            else tr("CheckupDialog", "This is e&xpected"),
        )
        self.expected_button.setVisible(finding is not None and finding.can_acknowledge)
        self.expected_button.setEnabled(ready)
        self.html_button.setEnabled(self.export_button.isEnabled())
        self.detail.setText(self._detail_text(finding))

    def _detail_text(self, finding: Finding | None) -> str:
        if finding is None:
            return ""
        text = f"{finding_title(finding)} — {finding_reason(finding)}"
        if self.model.is_expected(finding):
            text += "\n" + tr("CheckupDialog", "You marked this as expected.")
        return text

    def _show_expected_toggled(self, show: bool) -> None:
        self.proxy.set_show_expected(show)
        self.update_table_state()
        self.update_actions()

    # ------------------------------------------------------------------ fixes
    def _change(
        self,
        finding: Finding,
        question: Callable[[], Any],
        call: Callable[[], Coroutine[Any, Any, Any]],
        done: Callable[[], None],
    ) -> None:
        """Ask, then make the change with the dialog busy; a refusal in the banner."""
        if self._busy or self.prompt is not None:
            return
        failed = self.wording().change_failed.replace("%1", finding.subject)

        async def flow() -> None:
            if not await self.confirm(question()):
                return
            self.set_busy(True)
            try:
                await call()
            except DerivError as error:
                if not self.closed_for_good:
                    self.set_busy(False)
                    self.show_failure(error, say=lambda why: failed.replace("%2", why))
                return
            finally:
                if not self.closed_for_good and self._busy:
                    self.set_busy(False)
            if not self.closed_for_good:
                done()

        self.run(flow(), name="checkup-fix", read=False)

    def delete_selected(self) -> None:
        finding = self.selected_finding()
        token = finding.token if finding is not None else None
        if finding is None or token is None:
            return
        detail = tr(
            "CheckupDialog",
            "Apps and scripts using it stop working at once. This can't be undone.",
        )
        if finding.in_use:
            detail = tr(
                "CheckupDialog",
                "Deriv Desktop is signed in with this token: deleting it signs you out straight "
                "away. This can't be undone.",
            )
        self._change(
            finding,
            lambda: self.question(
                tr("CheckupDialog", "Delete token"),
                tr("CheckupDialog", "Delete the token “%1” of %2?")
                .replace("%1", token.display_name)
                .replace("%2", finding.loginid),
                detail,
                tr("CheckupDialog", "Yes, delete"),
            ),
            lambda: self.checkup.delete_token(finding.loginid, token),
            lambda: self.banner.show_message(
                MessageKind.SUCCESS,
                tr("CheckupDialog", "Token “%1” deleted.").replace("%1", token.display_name),
            ),
        )

    def revoke_selected(self) -> None:
        finding = self.selected_finding()
        app = finding.app if finding is not None else None
        if finding is None or app is None:
            return
        title = tr("CheckupDialog", "Revoke access")
        self._change(
            finding,
            lambda: self.question(
                title,
                tr("CheckupDialog", "Revoke access for “%1”?").replace("%1", app.name),
                tr(
                    "CheckupDialog",
                    "It will no longer be able to act on any of your accounts; it would have to "
                    "ask for your permission again.",
                ),
                title,
            ),
            lambda: self.checkup.revoke_app(app),
            lambda: self.banner.show_message(
                MessageKind.SUCCESS,
                tr("CheckupDialog", "Access for “%1” revoked.").replace("%1", app.name),
            ),
        )

    def toggle_expected(self) -> None:
        finding = self.selected_finding()
        if finding is None or not finding.can_acknowledge or self._busy:
            return
        expected = not self.model.is_expected(finding)
        self.run(
            self.checkup.acknowledge(finding, expected),
            name="checkup-expected",
            on_done=lambda _r: self._marked(finding, expected),
            read=False,
        )

    def _marked(self, finding: Finding, expected: bool) -> None:
        text = (
            tr(
                "CheckupDialog",
                "Marked as expected: %1. Tick “Show findings marked expected” to undo.",
            )
            if expected
            else tr("CheckupDialog", "No longer marked as expected: %1.")
        )
        self.banner.show_message(MessageKind.INFO, text.replace("%1", finding_title(finding)))

    # ------------------------------------------------------------------ replace
    def replace_selected(self) -> None:
        finding = self.selected_finding()
        old = finding.token if finding is not None else None
        if finding is None or old is None or self._busy or Fix.REPLACE_TOKEN not in finding.fixes:
            return
        loginid = finding.loginid
        existing = list(self.ctx.tokens.listed_tokens(loginid) or ())
        self.run(self._replace_flow(loginid, old, existing), name="checkup-replace", read=False)

    async def _replace_flow(self, loginid: str, old: ApiToken, existing: list[ApiToken]) -> None:
        box = self.replace_box = ReplaceTokenBox(self, old, existing)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        try:
            code = await await_dialog(box)
            request = box.request
        finally:
            self.replace_box = None
        if code != QDialog.DialogCode.Accepted or request is None or self.closed_for_good:
            return
        self.set_busy(True)
        try:
            result = await self.checkup.replace_token(
                loginid,
                old,
                request.name,
                request.scopes,
                ip_only=request.ip_only,
                on_created=self._show_new_token,
            )
        except DerivError as error:
            if not self.closed_for_good:
                self.set_busy(False)
                self.show_failure(
                    error,
                    say=lambda why: (
                        tr("CheckupDialog", "No new token was created and “%1” is unchanged: %2")
                        .replace("%1", old.display_name)
                        .replace("%2", why)
                    ),
                )
            return
        if not self.closed_for_good:
            self.set_busy(False)
            self._replaced(result)

    def _show_new_token(self, token: ApiToken) -> None:
        if not self.closed_for_good:
            # Deriv lists the value (Show token in API tokens) or it is shown only now
            self.new_token.show_token(token, shown_again=value_available(token))

    def _replaced(self, result: Replacement) -> None:
        new_name = result.created.display_name if result.created is not None else ""
        if result.deleted:
            self.banner.show_message(
                MessageKind.SUCCESS,
                tr("CheckupDialog", "“%1” replaced by “%2”. Copy the new token now.")
                .replace("%1", result.old_name)
                .replace("%2", new_name),
                timeout_ms=0,
            )
            return
        why = (
            self.failure_text(result.delete_error)
            if result.delete_error is not None
            else tr("CheckupDialog", "Deriv's list did not show the new token.")
        )
        self.banner.show_message(
            MessageKind.WARNING,
            tr(
                "CheckupDialog",
                "The new token “%1” was created, but “%2” could not be deleted: %3 It still "
                "works; delete it from this list once the new one is in use.",
            )
            .replace("%1", new_name)
            .replace("%2", result.old_name)
            .replace("%3", why),
            timeout_ms=0,
        )

    def copy_new_token(self) -> None:
        token = self.new_token.token
        if token is not None:
            self.run(copy_token_flow(self, self.clipboard, token), name="copy-new-token")

    # ------------------------------------------------------------------ export
    def export_rows(self) -> list[CheckupRow]:
        """The findings as shown (filter and "expected" switch applied), never a token value."""
        rows = []
        for proxy_row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
            finding = self.model.record_at(source.row())
            if finding is None:
                continue
            rows.append(
                CheckupRow(
                    int(finding.severity),
                    severity_label(finding.severity),
                    finding_title(finding),
                    accounts_text(finding),
                    finding.subject,
                    finding_reason(finding),
                    self.model.is_expected(finding),
                )
            )
        return rows

    def choose_html_path(self) -> Any:
        if self.loaded_for is None or self.model.rowCount() == 0:
            return None
        return self.save_file_dialog(
            tr("CheckupDialog", "Export the checkup as a web page"),
            "deriv-security-checkup.html",
            tr("CheckupDialog", "Web pages (*.html)"),
            self.export_html_to,
        )

    def export_html_to(self, path: Path) -> None:
        rows = self.export_rows()
        report = self.checkup.report
        summary = self.summary_text(report) if report is not None else ""
        page = checkup_html(
            rows,
            lang=app_locale().name().split("_")[0],
            title=self.wording().title,
            summary=f"{summary} — {self.ran_at.text()}",
            columns=[
                str(self.model.headerData(c, Qt.Orientation.Horizontal))
                for c in CheckupColumn
                if c is not CheckupColumn.SCOPES
            ]
            + [tr("CheckupDialog", "Why it matters")],
            expected_note=tr("CheckupDialog", "marked expected"),
        )
        saved = self.wording().export_saved.replace("%1", str(len(rows)))
        self.write_export(path, page, saved, encoding="utf-8")


def open_checkup(ctx: GuiContext, parent: QWidget | None = None) -> CheckupDialog:
    """Tools ▸ Security checkup…: open (or raise) the checkup over ``parent``."""
    return CheckupDialog.launch(ctx, parent)


__all__ = ["CheckupDialog", "ReplaceTokenBox", "open_checkup", "replacement_name"]
