"""What a partner's file needs from the shop, asked in the export dialog: each coded
value of the template (GHN's pick-up shift, Viettel Post's service, …) with the shop's
earlier answer or the partner's default chosen, and the weight of one item of a product
the catalogue gives none, asked only when a file needs it. The export saves the answers
to the shop's settings, so they are asked once."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from livehelper.export.fields import Filling
from livehelper.export.templates import Template
from livehelper.ui import plain
from livehelper.ui.texts import template_caution


class TemplateChoices(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.template: Template | None = None
        self.boxes: dict[str, QComboBox] = {}
        self.weight: QSpinBox | None = None
        self.caution: QLabel | None = None

    def show_template(self, template: Template, saved: Filling, asks_weight: bool) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.template, self.boxes, self.weight, self.caution = template, {}, None, None
        caution = template_caution(template)
        if caution:
            self.caution = plain.label(caution)
            self.caution.setWordWrap(True)
            self.caution.setStyleSheet("background: #fff3c4; color: #5c4400; padding: 4px;")
            self.form.addRow(self.caution)
        for choice in template.choices:
            box = QComboBox()
            if not choice.required:
                box.addItem(self.tr("(leave empty)"), "")
            for code, meaning in choice.codes.items():
                box.addItem(code if code == meaning else f"{code} – {meaning}", code)
            box.setPlaceholderText(self.tr("— choose —"))
            box.setCurrentIndex(box.findData(saved.choices.get(choice.key, choice.default)))
            self.boxes[choice.key] = box
            self.form.addRow(choice.label + ":", box)
        if asks_weight:
            self.weight = QSpinBox()
            self.weight.setRange(0, 100_000)
            self.weight.setSuffix(" g")
            self.weight.setSpecialValueText(self.tr("— give it —"))
            self.weight.setValue(saved.unit_weight_g or 0)
            self.weight.setToolTip(
                self.tr(
                    "Some products have no weight in the catalogue; the file needs one. "
                    "This weight is used for one item of each of them."
                )
            )
            self.form.addRow(self.tr("Weight of one item with no weight:"), self.weight)

    def filling(self) -> Filling:
        chosen = {
            key: box.currentData() for key, box in self.boxes.items() if box.currentIndex() >= 0
        }
        weight = self.weight.value() if self.weight is not None and self.weight.value() else None
        return Filling({k: str(v) for k, v in chosen.items()}, weight)

    def missing(self) -> list[str]:
        """What must still be chosen or typed, in the window's words."""
        assert self.template is not None
        names = [
            choice.label
            for choice in self.template.choices
            if choice.required and self.boxes[choice.key].currentIndex() < 0
        ]
        if self.weight is not None and not self.weight.value():
            names.append(self.tr("the weight of one item"))
        return names
