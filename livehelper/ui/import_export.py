"""The window's files: importing the product list, exporting the orders, the report.

Each opens its dialog; the reading, checking and writing run on the worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from livehelper.catalogue import read_catalogue
from livehelper.comments.lexicon import EverydayName, default_lexicon, everyday_names
from livehelper.errors import CatalogueError
from livehelper.model import Product
from livehelper.store import Store
from livehelper.ui import plain
from livehelper.ui.backend import Backend
from livehelper.ui.texts import catalogue_error_text


class ImportExport(QObject):
    sig_imported = Signal(object)
    """The show's products (list[Product]) after an import."""
    sig_problem = Signal(str)

    def __init__(
        self,
        backend: Backend,
        show: Callable[[], tuple[Store, int | None] | None],
        parent: QWidget,
    ) -> None:
        """``show``: the open store and the session shown (None before the store opens)."""
        super().__init__(parent)
        self._backend = backend
        self._show = show
        self._window = parent

    def import_catalogue(self) -> None:
        shown = self._show()
        if shown is None:
            return
        store = shown[0]
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import products"),
            str(Path.home()),
            self.tr("Product lists (*.csv *.xlsx)"),
        )
        if not path:
            return

        def job() -> tuple[list[Product], list[EverydayName]]:
            specs = read_catalogue(path)
            store.import_products(specs)
            return store.products(), list(everyday_names(specs, default_lexicon()).values())

        self._backend.call(job, done=self._imported, failed=self._import_failed)

    def _imported(self, done: tuple[list[Product], list[EverydayName]]) -> None:
        products, everyday = done
        self.sig_imported.emit(products)
        if everyday:  # the seller may rename them, or knows why they are asked
            self.sig_problem.emit(
                self.tr(
                    "Typed without accents, these names are everyday words: {names}. "
                    "Orders naming them so go to Not sure unless an amount stands beside them."
                ).format(names="; ".join(f"{e.name} ({e.code}) → {e.plain}" for e in everyday))
            )

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CatalogueError):
            plain.message_box(
                self._window,
                QMessageBox.Icon.Warning,
                self.tr("Import products"),
                catalogue_error_text(exc),
            ).exec()
        else:
            self.sig_problem.emit(str(exc))

    def export(self) -> None:
        shown = self._show()
        if shown is None:
            return
        store, session_id = shown
        if session_id is None:
            return
        from livehelper.ui.export_dialog import ExportDialog

        self._backend.call(
            ExportDialog.check,
            store,
            session_id,
            done=lambda checked: ExportDialog(
                checked, self._backend, store, session_id, self._window
            ).open(),
        )

    def report(self) -> None:
        shown = self._show()
        if shown is None:
            return
        store, session_id = shown
        if session_id is None:
            return
        from livehelper import report
        from livehelper.ui.export_dialog import ReportDialog

        def build() -> tuple[str, str]:
            figures = report.build(store, session_id)
            return report.render_html(figures), report.render_html(figures, for_print=True)

        self._backend.call(
            build,
            done=lambda pages: ReportDialog(pages[0], pages[1], self._backend, self._window).open(),
        )
