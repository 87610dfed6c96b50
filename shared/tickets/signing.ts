import { createHash, timingSafeEqual } from "node:crypto";
import type { TicketSystem } from "../domain/types";

/** How far a signature timestamp (Zendesk, generic) may be from our clock, either way. */
export const ZENDESK_REPLAY_WINDOW_MS = 5 * 60 * 1000;

/** Headers with lower-case names, as every verifier reads them. */
export type LowerCaseHeaders = Readonly<Record<string, string | undefined>>;

export interface SignatureInput {
  system: TicketSystem;
  rawBody: string;
  headers: LowerCaseHeaders;
  /**
   * The key the delivery must prove it knows: the system's WEBHOOK_SECRET_<SYSTEM> (or a tenant's), or
   * for ConnectWise the signing key fetched from the connection's host. Undefined or empty refuses it.
   */
  secret: string | undefined;
  now: Date;
  /** Only a signature counts: a bearer copy of the signing secret is refused (WEBHOOK_REQUIRE_HMAC). */
  hmacOnly?: boolean;
}

/** Compares two strings in constant time (hashing first so lengths leak nothing either). */
export function constantTimeEquals(a: string, b: string): boolean {
  const left = createHash("sha256").update(a, "utf8").digest();
  const right = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(left, right);
}

/** An ISO time or Unix seconds within the replay window of `now`, either way. */
export function isFresh(timestamp: string, now: Date): boolean {
  const signedAt = /^\d{9,11}$/.test(timestamp) ? Number(timestamp) * 1000 : Date.parse(timestamp);
  return Number.isFinite(signedAt) && Math.abs(now.getTime() - signedAt) <= ZENDESK_REPLAY_WINDOW_MS;
}

/** The systems that cannot sign: `Authorization: Bearer <secret>`. */
export function verifyBearer(headers: LowerCaseHeaders, secret: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(headers["authorization"]?.trim() ?? "");
  return match?.[1] !== undefined && constantTimeEquals(match[1].trim(), secret);
}
