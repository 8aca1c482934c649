"""The main window: products, live feed, the queue of claims, orders, and a status bar.

A thin view: every read and write goes through ``Backend.call`` (off the GUI thread)
and every change comes back as frozen values that the models display.
"""

from __future__ import annotations

import dataclasses
import functools
import getpass
import logging
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from livehelper import demo, show
from livehelper.catalogue import read_catalogue
from livehelper.comments.base import FeatureChange
from livehelper.comments.manual import manual_comment
from livehelper.errors import CatalogueError
from livehelper.model import Claim, ClaimStatus, Order, Product, Session, format_vnd
from livehelper.overlays.controller import ObsState
from livehelper.overlays.obs import ObsSettings
from livehelper.show import Snapshot
from livehelper.store import Decision, IngestResult, Store, claim_version
from livehelper.ui import plain
from livehelper.ui.backend import Backend
from livehelper.ui.crash import show_background_crash
from livehelper.ui.follower import Follower
from livehelper.ui.models import (
    LANES,
    FeedModel,
    LaneFilter,
    OrdersModel,
    ProductsModel,
    QueueModel,
    in_lane,
)
from livehelper.ui.obs_control import ObsControl
from livehelper.ui.obs_panel import (
    ObsPanel,
    saved_obs_settings,
)
from livehelper.ui.overlay_control import OverlayControl
from livehelper.ui.overlay_dialog import OverlayDialog
from livehelper.ui.sources_panel import (
    AddSourceDialog,
    ManualOrderDialog,
    SourcesPanel,
    saved_source_options,
)
from livehelper.ui.speech_controls import SpeechControls
from livehelper.ui.texts import catalogue_error_text

log = logging.getLogger(__name__)

FLUSH_MS = 100  # feeds are repainted at most ten times a second


def _table(
    model: Any, widths: Sequence[int], view: QTableView | None = None, row_height: int = 30
) -> QTableView:
    """A read-only row table. ``widths``: pixels per column, 0 for the one that stretches
    (fixed widths: measuring 100,000 rows to fit them would stall the window)."""
    view = view or QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setWordWrap(False)
    # fixed row heights keep a 100,000-row feed as cheap as a 100-row one
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(row_height)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        if width:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            view.setColumnWidth(column, width)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view


class QueueView(QTableView):
    """The claims table; the keyboard drives it: Enter confirms, Delete rejects, E edits,
    R replaces a buyer's earlier claim with this new quantity, M merges this claim into
    the buyer's earlier one."""

    sig_confirm = Signal()
    sig_reject = Signal()
    sig_edit = Signal()
    sig_repeat = Signal(bool)
    """True: replace the earlier claim (R); False: merge into it (M)."""
    sig_buyer = Signal()
    """B: the buyer's card (history, notes, the "bom hàng" flag)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_confirm.emit()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.sig_reject.emit()
        elif key == Qt.Key.Key_E:
            self.sig_edit.emit()
        elif key in (Qt.Key.Key_R, Qt.Key.Key_M):
            self.sig_repeat.emit(key == Qt.Key.Key_R)
        elif key == Qt.Key.Key_B:
            self.sig_buyer.emit()
        else:
            super().keyPressEvent(event)


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
        self.url = url
        self.demo_mode = demo_mode
        self.demo_speed = demo_speed
        self.obs_settings = obs_settings or saved_obs_settings()
        self.store: Store | None = None
        self.session: Session | None = None
        self._incoming: list[IngestResult] = []
        self._told_offered: set[int] = set()  # claims whose "back in stock" was shown
        self._source_state = ""
        self.overlays = OverlayControl(backend, live=self._live_show, parent=self)
        self.overlays.sig_session.connect(self._session_changed)

        self.products = ProductsModel(self)
        self.feed = FeedModel(self)
        self.queue = QueueModel(self)
        self.lanes = LaneFilter(self.queue, self)
        self.orders = OrdersModel(self)
        self._build()
        self.retranslate()

        # other assistants (other windows, laptops, the CLI) decide claims too: follow them
        self.follower = Follower(
            backend,
            live=self._live_show,
            versions=lambda: {c.id: claim_version(c) for c in self.queue.rows},
            parent=self,
        )
        self.follower.sig_followed.connect(self._others_decided)
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
        backend.sig_source_state.connect(self._on_source_state, queued)
        backend.sig_obs_state.connect(self._on_obs_state, queued)
        backend.sig_overlays.connect(self._on_overlays, queued)
        backend.sig_speech_problem.connect(
            lambda text: self.show_problem(
                self.tr("Orders cannot be read aloud: {error}").format(error=text)
            ),
            queued,
        )

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.resize(1400, 860)
        toolbar = QToolBar(self)
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.session_label = plain.label()
        self.session_label.setObjectName("session")
        toolbar.addWidget(self.session_label)
        toolbar.addSeparator()
        self.live_button = QPushButton()
        self.live_button.clicked.connect(self._toggle_live)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self._import_catalogue)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export)
        self.report_button = QPushButton()
        self.report_button.clicked.connect(self._report)
        self.overlays_button = QPushButton()
        self.overlays_button.clicked.connect(lambda: self.overlays.open(self.store))
        self.demo_button = QPushButton()
        self.demo_button.clicked.connect(self._offer_demo)
        self.settings_button = QPushButton()
        self.settings_button.clicked.connect(self._open_settings)
        for button in (
            self.live_button,
            self.import_button,
            self.export_button,
            self.report_button,
            self.overlays_button,
            self.settings_button,
            self.demo_button,
        ):
            toolbar.addWidget(button)
        # who is working and in which language: beside the OBS line, where a 1366-pixel
        # laptop screen still has room (the toolbar has none left)
        self.assistant_label = plain.label()
        self.assistant = QLineEdit(getpass.getuser())
        self.assistant.setMaximumWidth(160)
        self.language = QComboBox()
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")

        # products
        self.products_view = _table(self.products, (40, 48, 0, 122, 78))
        self.products_view.clicked.connect(self._feature_clicked)
        self.products_box = self._box(self.products_view)

        # queue
        self.queue_view = _table(self.lanes, (44, 130, 170, 0, 96), QueueView(), row_height=34)
        self.lane_tabs = QTabBar()
        for _lane in LANES:
            self.lane_tabs.addTab("")
        self.lane_tabs.currentChanged.connect(self._lane_changed)
        assert isinstance(self.queue_view, QueueView)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(self._confirm)
        self.reject_button = QPushButton()
        self.reject_button.clicked.connect(self._reject)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self._edit_quantity)
        buttons = QHBoxLayout()
        for b in (self.confirm_button, self.reject_button, self.edit_button):
            buttons.addWidget(b)
        queue_inner = QWidget()
        qlayout = QVBoxLayout(queue_inner)
        qlayout.setContentsMargins(0, 0, 0, 0)
        qlayout.addWidget(self.lane_tabs)
        qlayout.addWidget(self.queue_view)
        qlayout.addLayout(buttons)
        self.queue_box = self._box(queue_inner)
        self.queue_view.sig_confirm.connect(self._confirm)
        self.queue_view.sig_reject.connect(self._reject)
        self.queue_view.sig_edit.connect(self._edit_quantity)
        self.queue_view.sig_repeat.connect(self._resolve_repeat)
        self.queue_view.sig_buyer.connect(self._open_buyer)
        self._held: int | None = None
        self.queue_view.selectionModel().currentRowChanged.connect(self._hold_current)
        self.queue_view.clicked.connect(
            lambda index: (
                self.queue.toggle_phone(self.lanes.mapToSource(index).row())
                if index.column() == QueueModel.PHONE_COLUMN
                else None
            )
        )

        # feed and orders
        self.feed_view = _table(self.feed, (80, 150, 0, 80))
        self.feed_box = self._box(self.feed_view)
        self.orders_view = _table(self.orders, (110, 95, 0, 90))
        self.orders_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.orders_view.customContextMenuRequested.connect(self._order_menu)
        self.orders_box = self._box(self.orders_view)

        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.queue_box)
        middle.addWidget(self.feed_box)
        middle.setSizes([420, 380])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.products_box)
        main.addWidget(middle)
        main.addWidget(self.orders_box)
        main.setSizes([360, 640, 400])

        self.sources_panel = SourcesPanel()
        # reading orders aloud sits with the order sources: the toolbar has no room
        self.speech = SpeechControls(lambda: self.backend.announcer)
        self.speech_button, self.speech_voice, self.speech_rate = self.speech.widgets()
        strip = self.sources_panel.layout()
        assert isinstance(strip, QBoxLayout)
        for position, widget in enumerate(self.speech.widgets()):
            strip.insertWidget(1 + position, widget)
        self.sources_panel.sig_add.connect(self._add_source)
        self.sources_panel.sig_manual.connect(self._type_order)
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(1000)
        self._health_timer.timeout.connect(
            lambda: self.sources_panel.show_health(self.backend.source_health())
        )
        self._health_timer.start()

        self.obs_panel = ObsPanel()
        self.obs_control = ObsControl(
            self.backend, self.obs_settings, overlay_url=lambda: self.overlay_url, parent=self
        )
        self.obs_panel.sig_switch.connect(self.obs_control.switch)
        self.obs_panel.sig_setup.connect(self.obs_control.set_up)
        self.obs_panel.sig_settings.connect(lambda: self.obs_control.edit_settings(self))
        self.obs_control.sig_set_up.connect(self._obs_set_up)
        self.obs_control.sig_problem.connect(self.show_problem)

        self.banner = plain.label()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        top.addWidget(self.obs_panel, 1)
        for widget in (self.assistant_label, self.assistant, self.language):
            top.addWidget(widget)
        layout.addLayout(top)
        layout.addWidget(self.sources_panel)
        layout.addWidget(self.banner)
        layout.addWidget(main, 1)  # the work area takes all the height the strips leave
        self.setCentralWidget(central)

        self.source_status = plain.label()
        self.obs_status = plain.label()
        self.counts_status = plain.label()
        self.overlay_status = plain.label()
        for label in (self.source_status, self.obs_status, self.overlay_status, self.counts_status):
            label.setFrameShape(QFrame.Shape.NoFrame)
            self.statusBar().addPermanentWidget(label)

        for number in range(12):
            shortcut = QShortcut(QKeySequence(f"F{number + 1}"), self)
            shortcut.activated.connect(lambda n=number: self._feature_row(n))

        self.setStyleSheet(
            "QWidget { font-size: 15px; }"
            "QPushButton { min-height: 38px; padding: 0 14px; }"
            "QPushButton#confirm { background: #2e7d32; color: white; font-weight: bold; }"
            "QLabel#session { font-weight: bold; padding: 0 10px; }"
            "QLabel#banner { background: #fff4cc; padding: 10px; border-radius: 4px; }"
            "QGroupBox { font-weight: bold; }"
        )

    def _box(self, widget: QWidget) -> QGroupBox:
        box = QGroupBox()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(widget)
        return box

    # -------------------------------------------------------------- language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.products_box.setTitle(self.tr("Products (click or F1–F12 to put on screen)"))
        self.queue_box.setTitle(self.tr("Orders to confirm"))
        self.feed_box.setTitle(self.tr("Live comments"))
        self.orders_box.setTitle(self.tr("Confirmed orders"))
        self.confirm_button.setText(self.tr("Confirm (Enter)"))
        self.reject_button.setText(self.tr("Reject (Delete)"))
        self.edit_button.setText(self.tr("Change quantity (E)"))
        self.import_button.setText(self.tr("Import products…"))
        self.export_button.setText(self.tr("Export orders…"))
        self.report_button.setText(self.tr("Report…"))
        self.demo_button.setText(self.tr("Try the demo"))
        self.overlays_button.setText(self.tr("Overlays and QR…"))
        self.settings_button.setText(self.tr("Settings…"))
        self.speech.retranslate()
        self.assistant_label.setText(self.tr("Assistant:"))
        self.live_button.setText(self.tr("End live") if self._live() else self.tr("Start live"))
        for model in (self.products, self.feed, self.queue, self.orders):
            model.retranslate()
        self.obs_panel.retranslate()
        self.sources_panel.retranslate()
        self._update_status()

    # ------------------------------------------------------------- lifecycle
    def start(self) -> None:
        """Open the database (and the demo) on the worker thread; connect to OBS once."""
        if self.backend.obs is None:
            # stopping an old controller joins its thread: never on the GUI thread
            self.backend.call(self.backend.start_obs, self.obs_control.settings)
        if self.demo_mode:
            self.backend.call(self._load_demo, done=self._loaded, failed=self._fatal)
        else:
            self.backend.call(self._load, self.url, done=self._loaded, failed=self._fatal)

    def _load(self, url: str | None) -> Snapshot:  # worker thread
        store = Store.open(url)
        session = show.live_session(store)
        if session is not None:
            self.backend.start_live(store, session.id)
        return show.snapshot(store, session)

    def _load_demo(self) -> Snapshot:  # worker thread
        store = Store.open(demo.demo_db_url())
        session = demo.prepare(store)  # the script features its first product at 0 s
        self.backend.start_live(store, session.id)
        return show.snapshot(store, session)

    def _loaded(self, snap: Snapshot) -> None:
        self.store, self.session = snap.store, snap.session
        self.products.set_rows(snap.products)
        self.products.set_featured(snap.session.featured_code if snap.session else None)
        self.feed.set_rows(snap.comments)
        self.queue.set_rows(snap.pending)
        self.orders.set_rows(snap.orders)
        if self.demo_mode:
            self.backend.start_source(demo.demo_source(self.demo_speed))
        elif not snap.products:
            self._show_banner(
                self.tr(
                    "No products yet. Import your product list (CSV or Excel), or click "
                    "“Try the demo” to see how livehelper works with sample produce and comments."
                )
            )
        self._select_first_claim()
        self.retranslate()
        self.sig_ready.emit()

    def _fatal(self, exc: BaseException) -> None:
        plain.message_box(
            self,
            QMessageBox.Icon.Critical,
            self.tr("livehelper"),
            self.tr("The database could not be opened:\n\n{error}").format(error=exc),
        ).exec()

    def _live(self) -> bool:
        return self.session is not None and self.session.ended_at is None

    def _live_show(self) -> tuple[Store, int] | None:
        if self.store is None or self.session is None or not self._live():
            return None
        return self.store, self.session.id

    def _toggle_live(self) -> None:
        if self.store is None:
            return
        store = self.store
        if self._live():
            assert self.session is not None
            session_id = self.session.id

            def end() -> show.Ended:
                self.backend.stop_live()
                return show.end_live(store, session_id, saved_source_options())

            self.statusBar().showMessage(self.tr("Ending the live…"))
            self.backend.call(end, done=self._live_ended)
        else:

            def begin() -> Snapshot:
                session = store.start_session()
                self.backend.start_live(store, session.id)
                return show.snapshot(store, session)

            self.backend.call(begin, done=self._loaded)

    def _live_ended(self, ended: show.Ended) -> None:
        result, problem = ended.reconciled, ended.problem
        self._session_changed(ended.session)
        if problem:
            self.show_problem(
                self.tr("Could not check Facebook for dropped comments: {error}").format(
                    error=problem
                )
            )
        elif result is not None:
            self.statusBar().showMessage(
                self.tr("{n} comments the live stream dropped were added from Facebook").format(
                    n=result.recovered
                ),
                15000,
            )
            self._refresh_totals()
        else:
            self.statusBar().clearMessage()

    def _session_changed(self, session: Session) -> None:
        self.session = session
        self.retranslate()

    def _offer_demo(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Demo"),
            self.tr("Start the demo? It uses its own sample data and never touches your shows."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.demo_mode = True
            self.banner.hide()
            # stopping drains the pipeline's last writes: never on the GUI thread
            self.backend.call(self.backend.stop_live, done=lambda _none: self.start())

    # ------------------------------------------------------------- live data
    @Slot(object)
    def _on_ingested(self, result: IngestResult) -> None:
        self._incoming.append(result)  # shown on the next flush, with whatever else came

    def _flush_incoming(self) -> None:
        if not self._incoming:
            return
        batches, self._incoming = self._incoming, []
        if self.session is None:
            return
        comments = [c for b in batches for c in b.comments if c.session_id == self.session.id]
        claims = [c for b in batches for c in b.claims if c.session_id == self.session.id]
        bar = self.feed_view.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 2
        self.feed.append_rows(comments)
        had_selection = self.queue_view.currentIndex().isValid()
        present = {c.id for c in self.queue.rows}  # the follower may have shown some already
        claims = [c for c in claims if c.id not in present]
        self.queue.append_rows(claims)
        cancels = [i for b in batches for i in b.cancel_requests]
        if cancels and self.store is not None:
            store = self.store
            self.backend.call(
                lambda: [store.claim(i) for i in cancels], done=self._cancel_requested
            )
        if at_bottom:
            self.feed_view.scrollToBottom()
        if claims and not had_selection:
            self._select_first_claim()
        flagged = sorted({c.buyer_name for c in claims if c.buyer_flagged})
        if flagged:
            self.show_problem(
                self.tr("⚠ {names}: refused a cash-on-delivery parcel before (bom hàng)").format(
                    names=", ".join(flagged)
                )
            )
        if claims:  # new claims hold stock: what is left changed
            self._refresh_totals()
        self._update_status()

    def _others_decided(self, found: show.Followed) -> None:
        waiting, new, expired = found.waiting, found.changed, found.expired
        me = self.assistant.text().strip() or "?"
        for claim in list(self.queue.rows):  # who else is handling what
            holder = waiting.get(claim.id)
            holder = None if holder == me else holder
            if claim.id in waiting and holder != claim.held_by:
                self.queue.update_claim(dataclasses.replace(claim, held_by=holder))
        # only claims this window is not deciding itself right now
        gone = [
            c.id for c in self.queue.rows if c.id not in waiting and c.id not in self.queue.busy
        ]
        for claim_id in gone:
            self.queue.remove_claim(claim_id)
        present = {c.id for c in self.queue.rows}
        fresh = [c for c in new if c.id not in present]
        changed = [c for c in new if c.id in present and c.id not in self.queue.busy]
        for claim in changed:  # its hold, its place in line, a cancel: changed elsewhere
            holder = waiting.get(claim.id)
            self.queue.update_claim(
                dataclasses.replace(claim, held_by=None if holder == me else holder)
            )
        if fresh:
            self.queue.append_rows(fresh)
        self._tell_offered([c for c in changed if c.offered_at is not None])
        if gone or fresh or changed or expired.released:
            if not self.queue_view.currentIndex().isValid():
                self._select_first_claim()
            self._refresh_totals()

    def _hold_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Tell the other assistants which claim this one is looking at."""
        if self.store is None:
            return
        store, me = self.store, self.assistant.text().strip() or "?"
        previous = self._held
        claim = (
            self.lanes.claim_at(current.row())
            if current.isValid() and current.row() < self.lanes.rowCount()
            else None
        )
        self._held = claim.id if claim is not None else None
        if previous == self._held:
            return

        def swap() -> None:
            if previous is not None:
                store.release(previous, me)
            if claim is not None:
                store.hold(claim.id, me)

        self.backend.call(swap)

    def _cancel_requested(self, claims: list[Claim]) -> None:
        for claim in claims:
            self.queue.update_claim(claim)
        names = sorted({c.buyer_name for c in claims})
        self.show_problem(
            self.tr("{names} asked to cancel: their claims are marked red").format(
                names=", ".join(names)
            )
        )

    def _offered_loaded(self, claims: list[Claim]) -> None:
        for claim in claims:
            self.queue.update_claim(claim)
        self._tell_offered(claims)

    def _resolve_repeat(self, replace: bool) -> None:
        claim = self.selected_claim()
        if claim is None or self.store is None:
            return
        if not replace:  # M: one claim for the buyer, quantities added up
            self._merge(claim)
            return
        if claim.replaces_claim_id is None:
            return
        earlier = claim.replaces_claim_id

        def done(updated: Claim) -> None:
            self.queue.update_claim(updated)
            if replace:
                self.queue.remove_claim(earlier)
                self._refresh_totals()

        self.backend.call(
            self.store.resolve_repeat, claim.id, replace, self.assistant.text().strip(), done=done
        )

    def _merge(self, claim: Claim) -> None:
        assert self.store is not None
        self.queue.set_busy(claim.id, True)

        def merged(target: Claim) -> None:
            self.queue.remove_claim(claim.id)
            self.queue.update_claim(target)
            self._update_status()

        def refused(exc: BaseException) -> None:
            self.queue.set_busy(claim.id, False)
            self.show_problem(
                self.tr("Claim {id} was not merged: {reason}").format(id=claim.id, reason=exc)
            )

        self.backend.call(
            self.store.merge,
            claim.id,
            self.assistant.text().strip(),
            done=merged,
            failed=refused,
        )

    def _open_buyer(self, buyer_id: int | None = None) -> None:
        if buyer_id is None:
            claim = self.selected_claim()
            buyer_id = claim.buyer_id if claim is not None else None
        if buyer_id is None or self.store is None:
            return
        from livehelper.ui.buyer_dialog import BuyerDialog

        store = self.store

        def show(card: Any) -> None:
            dialog = BuyerDialog(card, self.backend, store, self)
            dialog.sig_changed.connect(lambda _card: self._reload_queue_flags())
            dialog.open()

        self.backend.call(store.buyer_card, buyer_id, done=show)

    def _reload_queue_flags(self) -> None:
        """A buyer was flagged, unflagged or merged: their claims show it."""
        if self.store is None:
            return
        ids = [c.id for c in self.queue.rows if c.id not in self.queue.busy]

        def refreshed(claims: list[Claim]) -> None:
            for claim in claims:
                row = self.queue.row_of(functools.partial(_same_claim, claim.id))
                if row >= 0 and self.queue.rows[row].buyer_flagged != claim.buyer_flagged:
                    current = self.queue.rows[row]
                    self.queue.replace_row(
                        row, dataclasses.replace(current, buyer_flagged=claim.buyer_flagged)
                    )

        self.backend.call(self.store.claims_by_id, ids, done=refreshed)

    def _order_menu(self, point: Any) -> None:
        from PySide6.QtWidgets import QMenu

        from livehelper.model import Outcome

        index = self.orders_view.indexAt(point)
        if not index.isValid() or self.store is None:
            return
        order = self.orders.rows[index.row()]
        store = self.store
        menu = QMenu(self)
        menu.addAction(self.tr("Buyer card…"), lambda: self._open_buyer(order.buyer_id))
        menu.addAction(
            self.tr("Delivered"),
            lambda: self.backend.call(store.set_outcome, order.id, Outcome.DELIVERED),
        )
        menu.addAction(
            self.tr("Returned: refused on delivery (bom hàng)"),
            lambda: self.backend.call(
                store.set_outcome,
                order.id,
                Outcome.RETURNED,
                done=lambda _: self._reload_queue_flags(),
            ),
        )
        menu.popup(self.orders_view.viewport().mapToGlobal(point))

    def _lane_changed(self, position: int) -> None:
        self.lanes.set_lane(LANES[position])
        if not self.queue_view.currentIndex().isValid():
            self._select_first_claim()

    def _open_settings(self) -> None:
        if self.store is None:
            return
        from livehelper.ui.settings_dialog import SettingsDialog

        store, session_id = self.store, self.session.id if self.session else None
        self.backend.call(
            lambda: SettingsDialog.load(store, session_id),
            done=lambda loaded: SettingsDialog(loaded, self.backend, store, self).open(),
        )

    @Slot(object)
    def _on_featured(self, session: Session) -> None:
        if self.session is not None and session.id == self.session.id:
            self.session = session
            self.products.set_featured(session.featured_code)
            self._send_featured_to_obs()
            self.backend.notify_overlays()
            self._update_status()

    def _send_featured_to_obs(self) -> None:
        featured = self.products.featured
        product = next((p for p in self.products.rows if p.code == featured), None)
        if product is not None and self.backend.obs is not None:
            self.backend.obs.feature(product)  # queued: OBS never blocks the window

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

    def _obs_set_up(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self._send_featured_to_obs()

    @Slot(str, str)
    def _on_source_state(self, name: str, state: str) -> None:
        self._source_state = state
        if state.startswith("failed"):
            self.show_problem(
                self.tr("Comment source {name} stopped: {state}").format(name=name, state=state)
            )
        self._update_status()

    def _ask_during_live(self, dialog_class: type[QDialog]) -> Any:
        """The dialog, once accepted; None if there is no live or it was cancelled."""
        if not self._live():
            self.show_problem(self.tr("Start a live first."))
            return None
        dialog = dialog_class(self)
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _add_source(self) -> None:
        dialog = self._ask_during_live(AddSourceDialog)
        if dialog is None:
            return
        request = dialog.request()
        self.backend.call(
            self.backend.add_source,
            request.spec,
            request.options,
            done=lambda name: self.statusBar().showMessage(
                self.tr("Reading comments from {name}").format(name=name), 8000
            ),
            failed=lambda exc: self.show_problem(str(exc)),
        )

    def _type_order(self) -> None:
        dialog = self._ask_during_live(ManualOrderDialog)
        if dialog is None:
            return
        comment = manual_comment(
            dialog.buyer.text(), dialog.text.text(), dialog.phone.text(), self.assistant.text()
        )
        self.backend.submit(comment)  # never blocks: the writer thread stores it

    # -------------------------------------------------------------- features
    def _feature_clicked(self, index: QModelIndex) -> None:
        self._feature_row(index.row())

    def _feature_row(self, row: int) -> None:
        if row >= len(self.products.rows) or self.session is None:
            return
        code = self.products.rows[row].code
        pipeline = self.backend.pipeline
        if pipeline is not None:
            pipeline.submit(FeatureChange(code))  # in order with the comments around it
        elif self.store is not None:
            self.backend.call(self.store.feature, self.session.id, code, done=self._on_featured)

    # ------------------------------------------------------------- decisions
    def selected_claim(self) -> Claim | None:
        index = self.queue_view.currentIndex()
        if not index.isValid() or index.row() >= self.lanes.rowCount():
            return None
        claim = self.lanes.claim_at(index.row())
        return None if claim.id in self.queue.busy else claim

    def _select_first_claim(self) -> None:
        for row in range(self.lanes.rowCount()):
            if self.lanes.claim_at(row).id not in self.queue.busy:
                self.queue_view.selectRow(row)
                return

    def _select_next_after(self, row: int) -> None:
        count = self.lanes.rowCount()
        for candidate in [*range(row + 1, count), *range(min(row, count) - 1, -1, -1)]:
            if self.lanes.claim_at(candidate).id not in self.queue.busy:
                self.queue_view.selectRow(candidate)
                return
        self.queue_view.clearSelection()
        self.queue_view.setCurrentIndex(QModelIndex())

    def _confirm(self) -> None:
        self._decide(ClaimStatus.CONFIRMED)

    def _reject(self) -> None:
        self._decide(ClaimStatus.REJECTED)

    def _decide(self, status: ClaimStatus) -> None:
        claim = self.selected_claim()
        if claim is None or self.store is None:
            return
        row = self.queue_view.currentIndex().row()
        self.queue.set_busy(claim.id, True)
        self._select_next_after(row)
        self.backend.call(
            self.store.decide,
            [claim.id],
            status,
            by=self.assistant.text().strip(),
            done=self._decided,
        )

    def _tell_offered(self, claims: Sequence[Claim]) -> None:
        """Stock came back for buyers waiting in line: the seller can tell them."""
        fresh = [c for c in claims if c.id not in self._told_offered]
        if not fresh:
            return
        self._told_offered.update(c.id for c in fresh)
        from livehelper.ui.models import items_text

        self._show_banner(
            self.tr("Back in stock for: {who}").format(
                who="; ".join(f"{c.buyer_name} ({items_text(c.items)})" for c in fresh)
            )
        )

    def _decided(self, decisions: Sequence[Decision]) -> None:
        offered = [i for d in decisions for i in d.offered]
        if offered and self.store is not None:
            store = self.store
            self.backend.call(store.claims_by_id, offered, done=self._offered_loaded)
        for d in decisions:
            if d.ok:
                self.queue.remove_claim(d.claim_id)
                if d.claim is not None and d.claim.status is ClaimStatus.CONFIRMED:
                    self.speech.announce(d.claim)
            else:
                self.queue.set_busy(d.claim_id, False)
                self.show_problem(
                    self.tr("Claim {id} was not changed: {reason}").format(
                        id=d.claim_id, reason=d.error
                    )
                )
        if not self.queue_view.currentIndex().isValid():
            self._select_first_claim()
        self._refresh_totals()

    def _refresh_totals(self) -> None:
        self.follower.refresh_totals(self.store, self.session.id if self.session else None)

    def _totals_loaded(self, value: tuple[list[Order], list[Product]]) -> None:
        orders, products = value
        featured = self.products.featured
        before = next((p for p in self.products.rows if p.code == featured), None)
        self.orders.set_rows(orders)
        self.products.set_rows(products)
        if before not in products:  # its stock changed: OBS shows what is left
            self._send_featured_to_obs()
        self.backend.notify_overlays()  # the ticker, the stock on the product card
        self._update_status()

    def _edit_quantity(self) -> None:
        claim = self.selected_claim()
        if claim is None or self.store is None or not claim.items:
            return
        item = claim.items[0]
        if len(claim.items) > 1:
            names = [f"{i.code} – {i.name}" for i in claim.items]
            choice, ok = QInputDialog.getItem(
                self, self.tr("Change quantity"), self.tr("Which product?"), names, 0, False
            )
            if not ok:
                return
            item = claim.items[names.index(choice)]
        value, ok = QInputDialog.getDouble(
            self,
            self.tr("Change quantity"),
            self.tr("{name} ({unit}) for {buyer}:").format(
                name=item.name, unit=item.unit, buyer=claim.buyer_name
            ),
            float(item.qty),
            0.001,
            100000,
            3,
        )
        if ok:
            self.backend.call(
                self.store.set_quantity,
                claim.id,
                item.code,
                Decimal(str(round(value, 3))),
                done=self._quantity_changed,
            )

    def _quantity_changed(self, claim: Claim) -> None:
        row = self.queue.row_of(lambda c: c.id == claim.id)
        if row >= 0:
            self.queue.replace_row(row, claim)

    # -------------------------------------------------------- import, export
    def _import_catalogue(self) -> None:
        if self.store is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import products"),
            str(Path.home()),
            self.tr("Product lists (*.csv *.xlsx)"),
        )
        if not path:
            return
        store = self.store

        def job() -> list[Product]:
            store.import_products(read_catalogue(path))
            return store.products()

        self.backend.call(job, done=self._products_imported, failed=self._import_failed)

    def _products_imported(self, products: list[Product]) -> None:
        self.banner.hide()
        self.products.set_rows(products)
        self.statusBar().showMessage(self.tr("{n} products loaded").format(n=len(products)), 8000)

    def _import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CatalogueError):
            plain.message_box(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Import products"),
                catalogue_error_text(exc),
            ).exec()
        else:
            self.show_problem(str(exc))

    def _export(self) -> None:
        if self.store is None or self.session is None:
            return
        from livehelper.ui.export_dialog import ExportDialog

        store, session_id = self.store, self.session.id
        self.backend.call(
            ExportDialog.check,
            store,
            session_id,
            done=lambda checked: ExportDialog(
                checked, self.backend, store, session_id, self
            ).open(),
        )

    def _report(self) -> None:
        if self.store is None or self.session is None:
            return
        from livehelper import report
        from livehelper.ui.export_dialog import ReportDialog

        store, session_id = self.store, self.session.id

        def build() -> tuple[str, str]:
            figures = report.build(store, session_id)
            return report.render_html(figures), report.render_html(figures, for_print=True)

        self.backend.call(
            build,
            done=lambda pages: ReportDialog(pages[0], pages[1], self.backend, self).open(),
        )

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
        title = "livehelper"
        if self.session is not None:
            title += f" — {self.session.name}"
            state = self.tr("LIVE") if self._live() else self.tr("ended")
            full = f"{self.session.name} · {state}"
            metrics = self.session_label.fontMetrics()
            self.session_label.setText(metrics.elidedText(full, Qt.TextElideMode.ElideMiddle, 260))
            self.session_label.setToolTip(plain.tooltip(full))
        else:
            self.session_label.setText(self.tr("No live session"))
        self.setWindowTitle(title)
        if self._source_state == "running":
            self.source_status.setText(self.tr("Comments: receiving"))
        elif self._source_state.startswith("failed"):
            self.source_status.setText(self.tr("Comments: stopped"))
        elif self._source_state == "ended":
            self.source_status.setText(self.tr("Comments: stream ended"))
        else:
            self.source_status.setText(self.tr("Comments: no source"))
        obs = self.obs_panel.state
        self.obs_status.setText(
            self.tr("OBS: connected") if obs.connected else self.tr("OBS: not connected")
        )
        self.overlay_status.setText(
            self.tr("Overlays: {url}").format(url=self.overlay_url)
            if self.overlay_url
            else self.tr("Overlays: off")
        )
        lane_titles = {
            "all": self.tr("All"),
            "unsure": self.tr("Not sure"),
            "waiting": self.tr("Waiting for stock"),
        }
        for position, lane in enumerate(LANES):
            count = sum(in_lane(c, lane) for c in self.queue.rows)
            self.lane_tabs.setTabText(position, f"{lane_titles[lane]} ({count})")
        revenue = sum(o.total for o in self.orders.rows)
        self.counts_status.setText(
            self.tr(
                "{comments} comments · {pending} to confirm · {orders} orders · {revenue}"
            ).format(
                comments=len(self.feed.rows),
                pending=len(self.queue.rows),
                orders=len(self.orders.rows),
                revenue=format_vnd(revenue),
            )
        )


def _same_claim(claim_id: int, claim: Claim) -> bool:
    return claim.id == claim_id
