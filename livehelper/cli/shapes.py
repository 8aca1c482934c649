"""Every JSON shape the CLI prints, defined once. The README calls them a contract:
keys are added, never renamed (tests/core/test_cli_contract.py holds them)."""

from __future__ import annotations

from typing import Any

from livehelper.export.rows import order_dict
from livehelper.model import ParseResult, qty_to_json


def parse_result_json(comment_id: Any, result: ParseResult) -> dict[str, Any]:
    return {
        "id": comment_id,
        "intent": result.intent.value,
        "items": [{"code": i.code, "qty": qty_to_json(i.qty)} for i in result.items],
        "phone": result.phone,
        "ambiguous": result.ambiguous,
        "confidence": round(result.confidence, 2),
        "rule": result.rule,
    }


def comment_json(comment: Any) -> dict[str, Any]:
    return {
        "id": comment.id,
        "platform": comment.platform,
        "user_id": comment.user_id,
        "user_name": comment.buyer_name,
        "buyer_id": comment.buyer_id,
        "text": comment.text,
        "intent": comment.intent.value,
        "claim_ids": [comment.claim_id] if comment.claim_id is not None else [],
        "suspect": comment.suspect,
        "at": comment.received_at.isoformat(),
    }


def claim_json(claim: Any) -> dict[str, Any]:
    return {
        "id": claim.id,
        "session_id": claim.session_id,
        "status": claim.status.value,
        "buyer": claim.buyer_name,
        "buyer_id": claim.buyer_id,
        "platform": claim.platform,
        "text": claim.text,
        "items": [
            {
                "code": i.code,
                "name": i.name,
                "unit": i.unit,
                "qty": qty_to_json(i.qty),
                "unit_price": i.unit_price,
            }
            for i in claim.items
        ],
        "phone": claim.phone,
        "ambiguous": claim.ambiguous,
        "comment_id": claim.comment_id,
        "created_at": claim.created_at.isoformat(),
        "decided_by": claim.decided_by,
        "decided_at": claim.decided_at.isoformat() if claim.decided_at else None,
        "cancel_requested": claim.cancel_requested,
        "replaces_claim_id": claim.replaces_claim_id,
        "reserved": claim.reserved_at is not None,
        "waitlisted": claim.waitlisted,
        "offered": claim.offered_at is not None,
        "buyer_flagged": claim.buyer_flagged,
    }


def buyer_json(buyer: Any) -> dict[str, Any]:
    return {
        "id": buyer.id,
        "platform": buyer.platform,
        "platform_user_id": buyer.platform_user_id,
        "name": buyer.display_name,
        "phone": buyer.phone,
        "person_id": buyer.person_id or buyer.id,
        "address": buyer.address,
        "note": buyer.note,
        "flagged": buyer.flagged,
    }


def card_json(card: Any) -> dict[str, Any]:
    return {
        **buyer_json(card.person),
        "accounts": [buyer_json(a) for a in card.accounts],
        "orders": [
            {
                "order_id": o.order_id,
                "session_id": o.session_id,
                "session": o.session_name,
                "at": o.at.isoformat(),
                "total": o.total,
                "outcome": o.outcome.value if o.outcome else None,
            }
            for o in card.orders
        ],
        "delivered": card.delivered,
        "returned": card.returned,
        "same_phone": [buyer_json(a) for a in card.same_phone],
    }


def product_json(product: Any) -> dict[str, Any]:
    return {
        "code": product.code,
        "name": product.name,
        "price": product.price,
        "unit": product.unit,
        "stock": None if product.stock is None else qty_to_json(product.stock),
        "aliases": list(product.aliases),
        "weight_kg": None if product.weight_kg is None else qty_to_json(product.weight_kg),
    }


def session_json(session: Any) -> dict[str, Any]:
    return {
        "id": session.id,
        "name": session.name,
        "started_at": session.started_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "featured": session.featured_code,
    }


def decision_json(decision: Any) -> dict[str, Any]:
    return {
        "id": decision.claim_id,
        "ok": decision.ok,
        "status": decision.claim.status.value if decision.claim else None,
        "error": decision.error,
        "offered": list(decision.offered),
    }


def order_json(order: Any) -> dict[str, Any]:
    """A buyer order: the shape of ``orders list`` and of the JSON export's orders."""
    return order_dict(order)
