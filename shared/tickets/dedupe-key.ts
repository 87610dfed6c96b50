import { createHash } from "node:crypto";
import type { TicketEvent } from "./ticket-event";

/**
 * The idempotency key of a delivery: the system's delivery id when it sends one (stable across its
 * retries), else system + ticket id + event. Hashed so any length or character set fits a key.
 */
export function dedupeKey(event: TicketEvent): string {
  const source = event.deliveryId
    ? ["delivery", event.system, event.deliveryId]
    : ["ticket-event", event.system, event.ticketId, event.event];
  return `webhook:${event.system}:${createHash("sha256").update(JSON.stringify(source)).digest("hex").slice(0, 40)}`;
}
