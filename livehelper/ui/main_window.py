"""The main window: products, live feed, the queue of claims, orders, and a status bar.

A thin view: every read and write goes through ``Backend.call`` (off the GUI thread)
and every change comes back as frozen values that the models display.
"""

from __future__ import annotations

import getpass
import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from livehelper import show
from livehelper.model import Claim, Order, Product, Session
from livehelper.overlays.controller import ObsState
from livehelper.overlays.obs import ObsSettings
from livehelper.runtime import FullCollections
from livehelper.show import Snapshot
from livehelper.store import IngestResult, Store, claim_version
from livehelper.ui import plain, texts, window_frame
from livehelper.ui.backend import Backend
from livehelper.ui.crash import show_background_crash
from livehelper.ui.feed_panel import FeedPanel
from livehelper.ui.focus import QueueFocus
from livehelper.ui.follower import Follower
from livehelper.ui.import_export import ImportExport
from livehelper.ui.live_control import LiveControl
from livehelper.ui.obs_control import ObsControl
from livehelper.ui.obs_panel import (
    ObsPanel,
    saved_obs_settings,
)
from livehelper.ui.orders_panel import OrdersPanel
from livehelper.ui.overlay_control import OverlayControl
from livehelper.ui.overlay_dialog import OverlayDialog
from livehelper.ui.products_panel import ProductsPanel
from livehelper.ui.queue_panel import QueuePanel
from livehelper.ui.settings_dialog import open_settings
from livehelper.ui.sources_panel import (
    SourcesPanel,
)
from livehelper.ui.speech_controls import SpeechControls
from livehelper.ui.status_line import StatusLine
from livehelper.ui.toolbar import ShowToolbar

log = logging.getLogger(__name__)

FLUSH_MS = 100  # feeds are repainted at most ten times a second


class MainWindow(QMainWindow):
    sig_ready = Signal()
    """The store is open and the panels are filled (tests wait for this)."""

    def __init__(
        self,
        backend: Backend,
        url: str | None,
        demo_mode: bool = False,
        demo_speed: float = 1.0,
        obs_settings: ObsSettings | None = None,
    ) -> None:
        super().__init__()
        self.backend = backend
        self.obs_settings = obs_settings or saved_obs_settings()
        self.store: Store | None = None
        self.session: Session | None = None
        self._incoming: list[IngestResult] = []
        self._collections = FullCollections()  # the collector's full passes when it is quiet
        self._source_state = ""
        self.live = LiveControl(backend, url, demo_mode, demo_speed, parent=self)
        self.live.sig_loaded.connect(self._loaded)
        self.live.sig_ended.connect(self._live_ended)
        self.live.sig_failed.connect(self._fatal)
        self.live.sig_message.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.live.sig_problem.connect(self.show_problem)
        self.overlays = OverlayControl(backend, live=self._live_show, parent=self)
        self.overlays.sig_session.connect(self._session_changed)

        self.files = ImportExport(backend, self._open_show, parent=self)
        self.files.sig_imported.connect(self._products_imported)
        self.files.sig_problem.connect(self.show_problem)
        self._build()
        self.retranslate()
        self.focus = QueueFocus(self, self.queue_view, keeps=lambda w: w is self.feed_view)

        # other assistants (other windows, laptops, the CLI) decide claims too: follow them
        self.follower = Follower(
            backend,
            live=self._live_show,
            versions=lambda: {c.id: claim_version(c) for c in self.queue.rows},
            parent=self,
        )
        self.follower.sig_followed.connect(self.queue_panel.follow)
        self.follower.sig_totals.connect(self._totals_loaded)
        self.follower.sig_problem.connect(self.show_problem)

        self._flush = QTimer(self)
        self._flush.setInterval(FLUSH_MS)
        self._flush.timeout.connect(self._flush_incoming)
        self._flush.start()
        queued = Qt.ConnectionType.QueuedConnection  # emitted from background threads
        backend.sig_ingested.connect(self._on_ingested, queued)
        backend.sig_featured.connect(self._on_featured, queued)
        backend.sig_error.connect(self.show_problem, queued)
        backend.sig_crash.connect(lambda exc: show_background_crash(exc, self), queued)
        backend.sig_obs_state.connect(self._on_obs_state, queued)
        backend.sig_overlays.connect(self._on_overlays, queued)
        backend.sig_speech_problem.connect(
            lambda exc: self._show_banner(texts.speech_problem_text(exc)), queued
        )

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        window_frame.fit_to_screen(self)
        self._build_toolbar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(self._build_obs_strip())
        layout.addWidget(self._build_sources_strip())
        self.banner = plain.label()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addWidget(self._build_work_area(), 1)  # it takes all the height left
        self.setCentralWidget(central)
        self.status_line = StatusLine(self.statusBar())
        # the status labels, by the names the window always had
        self.source_status, self.obs_status = self.status_line.source, self.status_line.obs
        self.overlay_status, self.counts_status = self.status_line.overlays, self.status_line.counts
        font, button = window_frame.sizes(self)
        self.setStyleSheet(
            f"QWidget {{ font-size: {font}px; }}"
            f"QPushButton {{ min-height: {button}px; padding: 0 12px; }}"
            "QPushButton#confirm { background: #2e7d32; color: white; font-weight: bold; }"
            "QLabel#session { font-weight: bold; padding: 0 10px; }"
            "QLabel#banner { background: #fff4cc; padding: 10px; border-radius: 4px; }"
            "QGroupBox { font-weight: bold; }"
            "QTableView#queue:focus { border: 2px solid #2e7d32; }"
        )

    def _build_toolbar(self) -> None:
        self.toolbar = ShowToolbar(self)
        self.addToolBar(self.toolbar)
        bar = self.toolbar
        bar.live_button.clicked.connect(self._toggle_live)
        bar.import_button.clicked.connect(self.files.import_catalogue)
        bar.export_button.clicked.connect(self.files.export)
        bar.report_button.clicked.connect(self.files.report)
        bar.overlays_button.clicked.connect(lambda: self.overlays.open(self.store))
        bar.settings_button.clicked.connect(self._open_settings)
        bar.demo_button.clicked.connect(self._offer_demo)
        # the buttons, by the names the window always had
        self.live_button, self.export_button = bar.live_button, bar.export_button
        self.report_button, self.overlays_button = bar.report_button, bar.overlays_button
        self.settings_button, self.demo_button = bar.settings_button, bar.demo_button

    def _build_obs_strip(self) -> QHBoxLayout:
        """OBS's scenes, then who is working and in which language: beside the OBS line,
        where a 1366-pixel laptop screen still has room (the toolbar has none left)."""
        self.obs_panel = ObsPanel()
        self.obs_control = ObsControl(
            self.backend, self.obs_settings, overlay_url=lambda: self.overlay_url, parent=self
        )
        self.obs_panel.sig_switch.connect(self.obs_control.switch)
        self.obs_panel.sig_setup.connect(self.obs_control.set_up)
        self.obs_panel.sig_settings.connect(lambda: self.obs_control.edit_settings(self))
        self.obs_control.sig_set_up.connect(self._obs_set_up)
        self.obs_control.sig_problem.connect(self.show_problem)
        self.assistant_label = plain.label()
        self.assistant = QLineEdit(getpass.getuser())
        self.assistant.setMaximumWidth(160)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        strip = QHBoxLayout()
        strip.addWidget(self.obs_panel, 1)
        for widget in (self.assistant_label, self.assistant, self.language):
            strip.addWidget(widget)
        return strip

    def _build_sources_strip(self) -> SourcesPanel:
        self.sources_panel = SourcesPanel(
            self.backend, self._live, lambda: self.assistant.text(), self
        )
        self.sources_panel.sig_message.connect(
            lambda text: self.statusBar().showMessage(text, 8000)
        )
        self.sources_panel.sig_problem.connect(self.show_problem)
        self.sources_panel.sig_state.connect(self._source_state_changed)
        # reading orders aloud sits with the order sources: the toolbar has no room
        self.speech = SpeechControls(lambda: self.backend.announcer)
        self.speech_button, self.speech_voice, self.speech_rate = self.speech.widgets()
        strip = self.sources_panel.layout()
        assert isinstance(strip, QBoxLayout)
        for position, widget in enumerate(self.speech.widgets()):
            strip.insertWidget(1 + position, widget)
        return self.sources_panel

    def _build_work_area(self) -> QSplitter:
        """Products on the left, the claims above the comments in the middle, the
        confirmed orders on the right."""
        self.products_panel = ProductsPanel(
            self.backend, self._open_show, featured=self._on_featured, parent=self
        )
        self.products = self.products_panel.model
        self.products_view = self.products_panel.view

        self.queue_panel = QueuePanel(
            self.backend, lambda: self.store, lambda: self.assistant.text().strip(), self
        )
        self.queue_panel.sig_problem.connect(self.show_problem)
        self.queue_panel.sig_banner.connect(self._show_banner)
        self.queue_panel.sig_stock_changed.connect(self._refresh_totals)
        self.queue_panel.sig_counts_changed.connect(self._update_status)
        self.queue_panel.sig_confirmed.connect(self.speech.announce)
        # the claims' model and table, by the names the window always had
        self.queue, self.lanes = self.queue_panel.model, self.queue_panel.lanes
        self.queue_view, self.lane_tabs = self.queue_panel.view, self.queue_panel.lane_tabs
        self.confirm_button = self.queue_panel.confirm_button

        self.feed_panel = FeedPanel(self.backend, lambda: self.store, self)
        self.feed_panel.sig_problem.connect(self.show_problem)
        self.feed_panel.sig_claimed.connect(self._claim_made)
        self.feed, self.feed_view = self.feed_panel.model, self.feed_panel.view
        self.orders_panel = OrdersPanel(self.backend, lambda: self.store, self)
        self.orders_panel.sig_buyer.connect(self.queue_panel.open_buyer)
        self.orders_panel.sig_returned.connect(self.queue_panel.reload_flags)
        self.orders = self.orders_panel.model

        # the claims get the whole middle height: on a 1366x768 laptop that is ten claims
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.orders_panel)
        right.addWidget(self.feed_panel)
        right.setSizes([220, 460])
        area = QSplitter(Qt.Orientation.Horizontal)
        area.addWidget(self.products_panel)
        area.addWidget(self.queue_panel)
        area.addWidget(right)
        area.setSizes([380, 570, 410])  # on a 1366-pixel laptop: as in the README picture
        return area

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._live() and not self.backend.closed and not window_frame.may_close(self):
            event.ignore()  # Alt+F4 in the middle of a live: asked first
            return
        window_frame.remember(self)
        self._collections.close()
        super().closeEvent(event)

    # -------------------------------------------------------------- language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.toolbar.retranslate()
        self.speech.retranslate()
        self.assistant_label.setText(self.tr("Assistant:"))
        panels = (self.products_panel, self.queue_panel, self.feed_panel, self.orders_panel)
        for panel in (*panels, self.obs_panel, self.sources_panel):
            panel.retranslate()
        self._update_status()

    # ------------------------------------------------------------- lifecycle
    def start(self) -> None:
        self.live.open(self.obs_control.settings)

    def _loaded(self, snap: Snapshot) -> None:
        self.store, self.session = snap.store, snap.session
        self.products.set_rows(snap.products)
        self.products.set_featured(snap.session.featured_code if snap.session else None)
        self.feed_panel.set_comments(
            snap.session.id if snap.session else None,
            snap.comments,
            snap.comment_count,
            snap.suspect_count,
        )
        self.queue_panel.set_claims(snap.pending)
        self.orders.set_rows(snap.orders)
        if not snap.products and not self.live.demo_mode:
            self._show_banner(
                self.tr(
                    "No products yet. Import your product list (CSV or Excel), or click "
                    "“Try the demo” to see how livehelper works with sample produce and comments."
                )
            )
        self.retranslate()
        self.queue_view.setFocus()
        self.sig_ready.emit()

    def _fatal(self, exc: BaseException) -> None:
        plain.message_box(
            self,
            QMessageBox.Icon.Critical,
            self.tr("livehelper"),
            self.tr("The database could not be opened:\n\n{error}").format(error=exc),
        ).exec()

    @property
    def demo_mode(self) -> bool:
        return self.live.demo_mode

    def _live(self) -> bool:
        return self.session is not None and self.session.ended_at is None

    def _open_show(self) -> tuple[Store, int | None] | None:
        """The open store and the session shown, live or ended (None before it opens)."""
        if self.store is None:
            return None
        return self.store, self.session.id if self.session else None

    def _live_show(self) -> tuple[Store, int] | None:
        if self.store is None or self.session is None or not self._live():
            return None
        return self.store, self.session.id

    def _toggle_live(self) -> None:
        if self.store is None:
            return
        if self.session is not None and self._live():
            self.statusBar().showMessage(self.tr("Ending the live…"))
            self.live.end(self.store, self.session.id)
        else:
            self.live.begin(self.store)

    def _live_ended(self, ended: show.Ended) -> None:
        self._session_changed(ended.session)
        if ended.reconciled is not None:
            self._refresh_totals()

    def _session_changed(self, session: Session) -> None:
        self.session = session
        self.retranslate()

    def _offer_demo(self) -> None:
        if self.live.offer_demo(self, self.obs_control.settings):
            self.banner.hide()

    # ------------------------------------------------------------- live data
    @Slot(object)
    def _on_ingested(self, result: IngestResult) -> None:
        self._incoming.append(result)  # shown on the next flush, with whatever else came

    def _flush_incoming(self) -> None:
        self._collections.tick(busy=bool(self._incoming))
        if not self._incoming:
            return
        batches, self._incoming = self._incoming, []
        if self.session is None:
            return
        comments = [c for b in batches for c in b.comments if c.session_id == self.session.id]
        claims = [c for b in batches for c in b.claims if c.session_id == self.session.id]
        self.feed_panel.append(comments)
        claims = self.queue_panel.add_new(claims)
        self.queue_panel.cancel_requested([i for b in batches for i in b.cancel_requests])
        if claims:  # new claims hold stock: what is left changed
            self._refresh_totals()
        self._update_status()

    def _open_settings(self) -> None:
        shown = self._open_show()
        if shown is not None:
            open_settings(self.backend, shown[0], shown[1], self)

    @Slot(object)
    def _on_featured(self, session: Session) -> None:
        if self.session is not None and session.id == self.session.id:
            self.session = session
            self.products_panel.show_featured(session.featured_code)
            self.backend.notify_overlays()
            self._update_status()

    # --------------------------------------------------------------- overlays
    @Slot(str)
    def _on_overlays(self, base_url: str) -> None:
        self.overlays.url = base_url
        self._update_status()

    @property
    def overlay_url(self) -> str:
        """The overlay server's address while a live is on ("" otherwise)."""
        return self.overlays.url

    @property
    def overlay_dialog(self) -> OverlayDialog | None:
        return self.overlays.dialog

    # -------------------------------------------------------------------- OBS
    @Slot(object)
    def _on_obs_state(self, state: ObsState) -> None:
        self.obs_panel.show_state(state)
        self._update_status()

    def _source_state_changed(self, state: str) -> None:
        self._source_state = state
        self._update_status()

    def _obs_set_up(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self.products_panel.send_featured_to_obs()

    def _claim_made(self, claim: Claim) -> None:
        self.queue_panel.add_new([claim])
        self.queue_panel.select(claim.id)
        self._refresh_totals()
        self._update_status()

    def _refresh_totals(self) -> None:
        self.follower.refresh_totals(self.store, self.session.id if self.session else None)

    def _totals_loaded(self, value: tuple[list[Order], list[Product]]) -> None:
        orders, products = value
        self.orders.set_rows(orders)
        self.products_panel.show_products(products)  # OBS shows what is left
        self.backend.notify_overlays()  # the ticker, the stock on the product card
        self._update_status()

    def _products_imported(self, products: list[Product]) -> None:
        self.banner.hide()
        self.products.set_rows(products)
        self.statusBar().showMessage(self.tr("{n} products loaded").format(n=len(products)), 8000)

    # ----------------------------------------------------------------- status
    @Slot(str)
    def show_problem(self, text: str) -> None:
        """Environment problems: shown, not modal; the show goes on."""
        log.warning("%s", text)
        self.statusBar().showMessage("⚠ " + text, 15000)

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _update_status(self) -> None:
        self.toolbar.show_session(self.session)
        title = "livehelper"
        self.setWindowTitle(title if self.session is None else f"{title} — {self.session.name}")
        self.status_line.show_source(self._source_state)
        self.status_line.show_obs(self.obs_panel.state.connected)
        self.status_line.show_overlays(self.overlay_url)
        self.queue_panel.show_counts()
        self.status_line.show_counts(
            comments=self.feed_panel.total,
            pending=len(self.queue.rows),
            orders=len(self.orders.rows),
            revenue=sum(o.total for o in self.orders.rows),
        )
