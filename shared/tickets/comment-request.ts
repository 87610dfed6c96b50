export type { TicketSettings } from "./systems/ticket-system-module";

/** One HTTP call that writes a note, or why it cannot be made. The auth header never leaves this object. */
export type CommentRequest =
  | { kind: "request"; method: "POST" | "PUT" | "PATCH"; url: string; headers: Record<string, string>; body: string }
  | { kind: "not-configured"; reason: string };

/** Why a note to a system with no write-back settings was not sent (the trail codes this one sentence). */
export function notConfiguredReason(system: string): string {
  return `${system} write-back is not configured`;
}

/** Why a note for a tenant endpoint's ticket was not sent: that tenant has no connection to the system. */
export function noConnectionReason(system: string): string {
  return `the tenant has no ${system} ticket connection`;
}
