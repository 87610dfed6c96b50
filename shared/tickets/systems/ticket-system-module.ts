import type { z } from "zod";
import type { TicketSystem } from "../../domain/types";
import type { CommentRequest } from "../comment-request";
import type { HaloTokenCache } from "../halo-token";
import type { OutboxRetryPolicy } from "../outbox-retry";
import type { LowerCaseHeaders, SignatureInput } from "../signing";
import type { ParseResult } from "../ticket-event";
import type { TicketNote } from "../ticket-note";

/** App settings as the write-back reads them (Settings.raw): TICKET_<SYSTEM>_BASE_URL, ... */
export type TicketSettings = Readonly<Record<string, string | undefined>>;

/**
 * Where and as whom notes are written: a tenant's own connection (PUT /api/tenants/{id}/ticket-connections/{system}),
 * or the app's TICKET_<SYSTEM>_* settings read into the same shape. Credentials never leave write-back.
 */
export interface TicketConnection {
  /** No trailing slash. Ticket links are kept only under it (or under options.ticketUrlBase). */
  baseUrl: string;
  credentials: Readonly<Record<string, string>>;
  options: Readonly<Record<string, string>>;
}

/** What write-back may use besides the connection: the network, the clock, caches of tokens and zones. */
export interface WriteBackContext {
  fetchImpl: typeof fetch;
  now: () => number;
  haloTokens: HaloTokenCache;
  /** True on the one retry after a 401: cached tokens are not to be trusted. */
  fresh: boolean;
}

/** A call ready to send, no way to make one (settings), or a failure on the way (a token, a zone). */
export type PreparedNote = CommentRequest | { kind: "failed"; reason: string; retry: boolean };

export interface ParseContext {
  headers: LowerCaseHeaders;
  /** The account our write-back signs in as (from the connection): its own updates carry nothing new. */
  integrationUser?: string;
}

/**
 * Everything the app knows about one ticket system, in one place: how its deliveries prove
 * themselves, how they read, how notes go back, how long notes keep trying and which settings it takes.
 * Adding a system is adding a module and its line in systems/index.ts.
 */
export interface TicketSystemModule {
  readonly system: TicketSystem;
  /** "signature": only an HMAC counts; "bearer": the shared secret as a bearer token; both when the system can do either. */
  readonly authentication: "signature" | "bearer" | "signature-or-bearer";
  /** True only for a delivery that proves it knows `input.secret` (constant-time; never throws). */
  verify(input: SignatureInput): boolean;
  /**
   * The key to verify with when the vendor hands it out per delivery (ConnectWise): fetched only from
   * the connection's own host; undefined when it cannot be had, which refuses the delivery.
   */
  signingKey?(rawBody: string, connection: TicketConnection | undefined, fetchImpl: typeof fetch): Promise<string | undefined>;
  /** Reads one delivery into a TicketEvent (its deliveryId, when the system sends one, dedupes re-sends). Never throws. */
  parse(body: unknown, context: ParseContext): ParseResult;
  /** Deliveries may arrive as a JSON array of items (HaloPSA). */
  readonly batches?: boolean;
  /** The one HTTP call that writes a note as an internal comment on the ticket. */
  writeBack(note: TicketNote, connection: TicketConnection, context: WriteBackContext): Promise<PreparedNote>;
  /** One more try with fresh credentials after a 401 (tokens that can be revoked before they expire). */
  readonly renewsOnUnauthorized?: boolean;
  /** Where the system's limits differ from the outbox's defaults. */
  readonly retry?: Partial<OutboxRetryPolicy>;
  readonly settings: {
    /** What a tenant's connection body carries besides baseUrl; validated on PUT, sealed at rest. */
    credentials: z.ZodType<Record<string, string>>;
    /** Non-secret choices (a table, an outcome id); shown by GET. */
    options: z.ZodType<Record<string, string>>;
    /** The app-wide connection from TICKET_<SYSTEM>_* settings; undefined when they are incomplete. */
    fromAppSettings(settings: TicketSettings): TicketConnection | undefined;
    /** The account our notes are written as, when the system's deliveries name who made a change. */
    integrationUser?(connection: TicketConnection): string | undefined;
  };
}
