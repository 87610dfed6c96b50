import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { TicketSystem } from "../domain/types";

/** How far a signature timestamp (Zendesk, generic) may be from our clock, either way. */
export const ZENDESK_REPLAY_WINDOW_MS = 5 * 60 * 1000;

/** Systems that can sign a delivery with HMAC; WEBHOOK_REQUIRE_HMAC may list only these. */
export const SIGNING_SYSTEMS = ["zendesk", "jira", "generic"] as const;

/** Headers with lower-case names, as every verifier reads them. */
export type LowerCaseHeaders = Readonly<Record<string, string | undefined>>;

export interface SignatureInput {
  system: TicketSystem;
  rawBody: string;
  headers: LowerCaseHeaders;
  /** The system's WEBHOOK_SECRET_<SYSTEM> (or a tenant's); undefined or empty refuses every delivery. */
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

/** True only for a delivery that proves it knows the system's secret (and, for Zendesk, is fresh). */
export function verifySignature(input: SignatureInput): boolean {
  const { secret } = input;
  if (!secret) return false;
  switch (input.system) {
    case "zendesk":
      return verifyZendesk(input, secret);
    case "jira":
      // Jira admin webhooks sign the body; Jira Automation "send web request" cannot, so it sends the bearer secret.
      return verifyHubSignature(input, secret) || (!input.hmacOnly && verifyBearer(input.headers, secret));
    case "generic":
      return verifyTimestamped(input, secret) || (!input.hmacOnly && verifyBearer(input.headers, secret));
    default:
      return verifyBearer(input.headers, secret);
  }
}

/** Zendesk: base64(HMAC-SHA256(secret, timestamp + raw body)), timestamp within the replay window. */
function verifyZendesk(input: SignatureInput, secret: string): boolean {
  const signature = input.headers["x-zendesk-webhook-signature"];
  const timestamp = input.headers["x-zendesk-webhook-signature-timestamp"];
  if (!signature || !timestamp || !isFresh(timestamp, input.now)) return false;
  const expected = createHmac("sha256", secret).update(timestamp + input.rawBody, "utf8").digest("base64");
  return constantTimeEquals(signature.trim(), expected);
}

/** Generic: `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`, fresh `X-Webhook-Timestamp`. */
function verifyTimestamped(input: SignatureInput, secret: string): boolean {
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(input.headers["x-webhook-signature"]?.trim() ?? "");
  const timestamp = input.headers["x-webhook-timestamp"]?.trim();
  if (!match?.[1] || !timestamp || !isFresh(timestamp, input.now)) return false;
  return constantTimeEquals(match[1].toLowerCase(), signGenericHex(secret, timestamp, input.rawBody));
}

/** An ISO time or Unix seconds within the replay window of `now`, either way. */
function isFresh(timestamp: string, now: Date): boolean {
  const signedAt = /^\d{9,11}$/.test(timestamp) ? Number(timestamp) * 1000 : Date.parse(timestamp);
  return Number.isFinite(signedAt) && Math.abs(now.getTime() - signedAt) <= ZENDESK_REPLAY_WINDOW_MS;
}

/** Jira admin webhooks: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
function verifyHubSignature(input: SignatureInput, secret: string): boolean {
  const header = input.headers["x-hub-signature"];
  if (!header) return false;
  const match = /^sha256=([0-9a-fA-F]+)$/.exec(header.trim());
  if (!match?.[1]) return false;
  const expected = createHmac("sha256", secret).update(input.rawBody, "utf8").digest("hex");
  return constantTimeEquals(match[1].toLowerCase(), expected);
}

/** The systems that cannot sign: `Authorization: Bearer <secret>`. */
function verifyBearer(headers: LowerCaseHeaders, secret: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(headers["authorization"]?.trim() ?? "");
  return match?.[1] !== undefined && constantTimeEquals(match[1].trim(), secret);
}

/** Signs a body as Zendesk does; for tests, the simulator and docs examples. */
export function signZendesk(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(timestamp + rawBody, "utf8").digest("base64");
}

/** Signs a generic delivery: the hex digest that goes after `sha256=` in X-Webhook-Signature. */
export function signGenericHex(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`, "utf8").digest("hex");
}

/** Signs a body as a Jira admin webhook does (`sha256=<hex>`). */
export function signJira(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}
