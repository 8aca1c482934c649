"""After the show: export orders to a file or a shop, with the check first, a progress
bar and a result per order; and the session report. All work runs on the worker
thread; progress comes back through a queued signal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from livehelper.errors import FileGaps, UsageError
from livehelper.export import FORMATS, choices, templates, write_file
from livehelper.export.fields import Filling, line_weight_kg
from livehelper.export.validate import Problem, held_orders, validate
from livehelper.model import Order
from livehelper.store import Store
from livehelper.ui import plain, window_frame
from livehelper.ui.backend import Backend
from livehelper.ui.template_choices import TemplateChoices
from livehelper.ui.texts import export_problem_text, template_title

DESTINATIONS = ("xlsx", "csv", "json", "shopify", "woocommerce", "webhook")


@dataclass(frozen=True)
class Checked:
    orders: list[Order]
    problems: list[Problem]
    templates: list[templates.Template]
    fillings: dict[str, Filling]  # the shop's earlier answers, per template
    unweighed: bool  # some product has no weight in the catalogue


class ExportDialog(QDialog):
    sig_progress = Signal(int, int)

    @staticmethod
    def check(store: Store, session_id: int) -> Checked:  # worker thread
        orders = store.orders(session_id)
        found = templates.available()
        fillings = {}
        for template in found:
            try:
                fillings[template.name] = choices.filling(store, template)
            except UsageError:  # a saved code the template no longer has: asked again
                fillings[template.name] = Filling(unit_weight_g=choices.unit_weight_g(store))
        unweighed = any(
            line_weight_kg(line, Filling()) is None for order in orders for line in order.lines
        )
        problems = validate(store, session_id, orders)
        return Checked(orders, problems, found, fillings, unweighed)

    def __init__(
        self, checked: Checked, backend: Backend, store: Store, session_id: int, parent: Any
    ) -> None:
        super().__init__(parent)
        self.checked, self.backend, self.store, self.session_id = (
            checked,
            backend,
            store,
            session_id,
        )
        self.setWindowTitle(self.tr("Export orders"))
        window_frame.fit_dialog(self, 760, 620)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain.label(self.tr("{n} confirmed orders in this live.").format(n=len(checked.orders)))
        )

        form = QFormLayout()
        self.destination = QComboBox()
        labels = {
            "xlsx": self.tr("Excel file (.xlsx)"),
            "csv": self.tr("CSV file (Excel, UTF-8)"),
            "json": self.tr("JSON file"),
            "shopify": self.tr("Shop: Shopify, Haravan, Sapo (Admin API)"),
            "woocommerce": self.tr("Shop: WooCommerce"),
            "webhook": self.tr("Webhook (your own system)"),
        }
        for key in DESTINATIONS:
            self.destination.addItem(labels[key], key)
        form.addRow(self.tr("Send to:"), self.destination)
        self.options = QStackedWidget()
        self.template = QComboBox()
        for template in checked.templates:
            unverified = len(template.unverified)
            note = self.tr(" ({n} columns unverified)").format(n=unverified) if unverified else ""
            self.template.addItem(
                template_title(template.name, template.title) + note, template.name
            )
        self.template.setCurrentIndex(max(0, self.template.findData("generic")))
        file_page = QWidget()
        file_form = QFormLayout(file_page)
        file_form.addRow(self.tr("Columns:"), self.template)
        self.choices = TemplateChoices()
        file_form.addRow(self.choices)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.url = QLineEdit()
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        shop_page = QWidget()
        shop_form = QFormLayout(shop_page)
        shop_form.addRow(self.tr("Address:"), self.url)
        shop_form.addRow(self.tr("Token or key:"), self.token)
        shop_form.addRow(self.tr("Secret:"), self.secret)
        self.remember = QCheckBox(self.tr("Remember (kept in the computer's keyring)"))
        shop_form.addRow("", self.remember)
        self.url.editingFinished.connect(self._load_saved)
        self.options.addWidget(file_page)
        self.options.addWidget(shop_page)
        form.addRow("", self.options)
        layout.addLayout(form)
        self.destination.currentIndexChanged.connect(self._destination_changed)

        layout.addWidget(
            plain.label(
                self.tr("Check before export (✗ is held back: tick it to export it anyway):")
            )
        )
        self.problems = QListWidget()
        # what is held back first: the assistant decides on those before anything else
        for problem in sorted(checked.problems, key=lambda p: not p.holds):
            who = f"#{problem.order_id} {problem.buyer}: " if problem.order_id else ""
            text = export_problem_text(problem.kind, problem.count, problem.message)
            item = QListWidgetItem(("✗ " if problem.holds else "⚠ ") + who + text)
            if problem.holds and problem.order_id is not None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setData(Qt.ItemDataRole.UserRole, problem.order_id)
            self.problems.addItem(item)
        if not checked.problems:
            self.problems.addItem(self.tr("✓ Nothing to fix."))
        self.problems.setMaximumHeight(140)
        layout.addWidget(self.problems)

        self.progress = QProgressBar()
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.results = QTableWidget(0, 3)
        self.results.setHorizontalHeaderLabels(
            [self.tr("Order"), self.tr("Result"), self.tr("Details")]
        )
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.results)
        self.status = plain.label()
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.clicked.connect(self._export)
        buttons.addWidget(self.preview_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(self.export_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.sig_progress.connect(self._progressed)
        self._destination_changed()
        self._template_changed()

    def _chosen_template(self) -> templates.Template:
        name = self.template.currentData()
        return next(t for t in self.checked.templates if t.name == name)

    def _template_changed(self) -> None:
        template = self._chosen_template()
        saved = self.checked.fillings.get(template.name, Filling())
        self.choices.show_template(template, saved, template.weighs and self.checked.unweighed)

    def _destination_changed(self) -> None:
        kind = self.destination.currentData()
        self.options.setCurrentIndex(0 if kind in FORMATS else 1)
        self.template.setEnabled(kind in ("xlsx", "csv"))
        self.preview_button.setEnabled(kind in ("xlsx", "csv"))
        self.secret.setEnabled(kind in ("woocommerce", "webhook"))
        self.token.setEnabled(kind in ("shopify", "woocommerce"))

    def preview(self) -> None:
        """The first rows as the chosen template lays them out; nothing is written."""
        template = self._chosen_template()
        rows = list(templates.rows(template, self.checked.orders[:20], self.choices.filling()))
        self.results.clear()
        self.results.setColumnCount(len(template.headers))
        self.results.setHorizontalHeaderLabels(
            [h + ("" if h not in template.unverified else " (?)") for h in template.headers]
        )
        self.results.setRowCount(0)
        for values in rows:
            row = self.results.rowCount()
            self.results.insertRow(row)
            for column, value in enumerate(values):
                self.results.setItem(row, column, QTableWidgetItem(str(value)))
        self.status.setText(
            self.tr(
                "Preview of {n} rows; (?) marks columns not checked against {name}'s sample."
            ).format(n=len(rows), name=template.name)
        )

    def _secret_name(self) -> str:
        return f"{self.destination.currentData()}:{self.url.text().strip()}"

    def _load_saved(self) -> None:
        """Fill in credentials kept for this address (the CLI's --save-credentials too)."""
        if self.token.text() or not self.url.text().strip():
            return
        from livehelper.secrets import FileFallback, load_secret

        name = self._secret_name()
        self.backend.call(lambda: load_secret(name, FileFallback()), done=self._fill_saved)

    def _fill_saved(self, saved: str) -> None:
        if not saved or self.token.text():
            return
        if self.destination.currentData() == "woocommerce":
            key, _, secret = saved.partition(":")
            self.token.setText(key)
            self.secret.setText(secret)
        else:
            self.token.setText(saved)
        self.remember.setChecked(True)

    def _export(self) -> None:
        kind = self.destination.currentData()
        if kind in FORMATS:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export orders"),
                str(Path.home() / self.default_name(kind)),
            )
            if not path:
                return
            self.export_file(kind, Path(path))
        else:
            self.send(kind)

    def held(self) -> set[int]:
        """The orders the check holds back that no assistant ticked to export anyway."""
        ticked = {
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in (self.problems.item(i) for i in range(self.problems.count()))
            if item.data(Qt.ItemDataRole.UserRole) is not None
            and item.checkState() is Qt.CheckState.Checked
        }
        return held_orders(self.checked.problems) - ticked

    def default_name(self, kind: str) -> str:
        """ "don-GHTK-2026-12-01.xlsx": what, for whom, when, in the window's language."""
        template = self.template.currentData() if kind in ("xlsx", "csv") else None
        who = "" if template in (None, "generic") else f"-{str(template).upper()}"
        today = datetime.now().astimezone().date().isoformat()
        prefix = self.tr("orders")  # a file name: ASCII in every language ("don" is "đơn")
        return f"{prefix}{who}-{today}.{kind}"

    def export_file(self, kind: str, out: Path) -> None:
        """Write the file (tests call this with a path, skipping the file chooser)."""
        if out.suffix.lower() != f".{kind}":
            out = out.with_suffix(f".{kind}")
        template = self._chosen_template() if kind in ("xlsx", "csv") else None
        missing = self.choices.missing() if template else []
        if missing:
            self.status.setText(self.tr("Choose first: {what}.").format(what=", ".join(missing)))
            return
        store, session_id = self.store, self.session_id
        hold = self.held()
        orders = [o for o in self.checked.orders if o.id not in hold]
        filling = self.choices.filling()
        if template:
            self.checked.fillings[template.name] = filling

        def job() -> list[dict[str, object]]:
            if template is not None:  # remembered for the shop: asked once
                choices.choose(store, template, filling.choices)
                if filling.unit_weight_g:
                    store.set_setting(choices.WEIGHT_KEY, str(filling.unit_weight_g))
            write_file(store, session_id, orders, kind, out, template, self.sig_progress.emit)
            written = [
                {"order_id": o.id, "result": "written", "remote_id": str(out)} for o in orders
            ]
            return written + [
                {"order_id": i, "result": "held", "remote_id": ""} for i in sorted(hold)
            ]

        self._run(job)

    def send(self, kind: str) -> None:
        url, token, secret = self.url.text().strip(), self.token.text(), self.secret.text()
        if not url:
            self.status.setText(self.tr("Give the address first."))
            return
        store, session_id = self.store, self.session_id
        hold = self.held()
        progress = self.sig_progress.emit
        remember = self.remember.isChecked() and kind in ("shopify", "woocommerce")
        name = self._secret_name()

        def job() -> list[dict[str, object]]:
            from livehelper.export.remote import send_orders
            from livehelper.export.shops import default_auth, shop_destination

            if remember:
                from livehelper.secrets import FileFallback, store_secret

                kept = token if kind == "shopify" else f"{token}:{secret}"
                store_secret(name, kept, FileFallback())

            if kind == "webhook":
                from livehelper.export.webhook import send_orders as send_webhook

                return send_webhook(store, session_id, url, secret, progress=progress).results
            # a key:secret pair is a Sapo private app's basic auth (Haravan keeps bearer)
            basic = kind == "shopify" and ":" in token and default_auth(url) == "shopify"
            auth = "basic" if basic else None
            to, judge_answer = shop_destination(kind, url, token, secret, auth)
            return send_orders(
                store,
                session_id,
                to,
                judge_answer,
                hold=hold,
                progress=progress,
            ).results

        self._run(job)

    def _run(self, job: Any) -> None:
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.status.setText(self.tr("Exporting…"))
        self.backend.call(job, done=self._finished, failed=self._failed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _finished(self, results: list[dict[str, object]]) -> None:
        self.export_button.setEnabled(True)
        self.results.clear()
        self.results.setColumnCount(3)
        self.results.setHorizontalHeaderLabels(
            [self.tr("Order"), self.tr("Result"), self.tr("Details")]
        )
        names = {o.id: o.buyer_name for o in self.checked.orders}
        words = {
            "written": self.tr("written"),
            "sent": self.tr("sent"),
            "skipped": self.tr("already there"),
            "held": self.tr("held back: fix it first"),
            "failed": self.tr("failed: try again later"),
        }
        self.results.setRowCount(0)
        for result in results:
            row = self.results.rowCount()
            self.results.insertRow(row)
            order_id = int(str(result["order_id"]))
            detail = str(result.get("problem") or result.get("remote_id") or "")
            for column, text in enumerate(
                (f"#{order_id} {names.get(order_id, '')}", words[str(result["result"])], detail)
            ):
                self.results.setItem(row, column, QTableWidgetItem(text))
        counts = {k: sum(1 for r in results if r["result"] == k) for k in words}
        self.progress.setMaximum(1)
        self.progress.setValue(1)
        self.status.setText(
            self.tr(
                "Done: {ok} exported, {skipped} already there, {held} held, {failed} failed."
            ).format(
                ok=counts["written"] + counts["sent"],
                skipped=counts["skipped"],
                held=counts["held"],
                failed=counts["failed"],
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, FileGaps):
            template = self._chosen_template()
            what = {
                template.choice(g.choice).label if g.choice else self.tr("the weight of one item")
                for g in exc.gaps
                if isinstance(g, templates.Gap)
            }
            self.status.setText(
                self.tr("The file is not written: choose first: {what}.").format(
                    what=", ".join(sorted(what))
                )
            )
            return
        self.status.setText(self.tr("Export failed: {error}").format(error=exc))


class ReportDialog(QDialog):
    """The session report in the window, and saved as HTML or PDF."""

    def __init__(self, html: str, printable: str, backend: Backend, parent: Any) -> None:
        super().__init__(parent)
        self.html, self.printable, self.backend = html, printable, backend
        self.setWindowTitle(self.tr("Session report"))
        window_frame.fit_dialog(self, 820, 760)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setHtml(printable)  # Qt's HTML view draws the table chart, not SVG
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        for label, suffix in (
            (self.tr("Save as PDF…"), ".pdf"),
            (self.tr("Save as HTML…"), ".html"),
        ):
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, s=suffix: self._save(s))
            buttons.addWidget(button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.status = plain.label()
        layout.addWidget(self.status)

    def _save(self, suffix: str) -> None:
        name = self.tr("report")  # a file name: ASCII in every language
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report"),
            str(Path.home() / f"{name}-{date.today().isoformat()}{suffix}"),
        )
        if path:
            self.save(Path(path).with_suffix(suffix))

    def save(self, out: Path) -> None:
        html, printable = self.html, self.printable

        def job() -> Path:
            if out.suffix == ".pdf":
                from livehelper.ui.pdf import write_pdf

                write_pdf(printable, out)  # QTextDocument and QPdfWriter work off the GUI thread
            else:
                out.write_text(html, encoding="utf-8")
            return out

        self.backend.call(
            job,
            done=lambda path: self.status.setText(self.tr("Saved to {path}").format(path=path)),
            failed=lambda exc: self.status.setText(str(exc)),
        )
