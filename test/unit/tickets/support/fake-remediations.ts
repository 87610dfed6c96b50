import type { AcceptRemediationRequest, AcceptRemediationResult, AcceptWebhookDeps } from "../../../../shared/tickets/accept-webhook";
import type { TicketNote } from "../../../../shared/tickets/ticket-note";
import { noteClaimKey } from "../../../../shared/tickets/note-once";
import { CONNECTIONS, NOW, SECRETS, connectwiseKeyFetch } from "./deliveries";
import { MemoryClaims } from "./memory-claims";

/**
 * An in-process stand-in for the remediation use case with its real idempotency rule: the same
 * idempotency key returns the same request. Records what intake asked for and which notes it queued.
 */
export class FakeRemediations {
  readonly requests: AcceptRemediationRequest[] = [];
  readonly notes: TicketNote[] = [];
  private readonly byKey = new Map<string, string>();
  readonly claims = new MemoryClaims();
  refuseWith?: { status: number; code: string; message: string };

  deps(overrides: Partial<AcceptWebhookDeps> = {}): AcceptWebhookDeps {
    return {
      secrets: { ...SECRETS },
      // These deliveries come to the bare route, which a single-tenant setup turns on.
      sharedRoute: true,
      now: () => NOW,
      connectionFor: async (_tenantId, system) => CONNECTIONS[system],
      fetchImpl: connectwiseKeyFetch,
      acceptRemediation: (request) => this.accept(request),
      // As the app does: one note per ticket and meaning (note id), however often the ticket is re-sent.
      enqueueNote: async (note) => {
        if ((await this.claims.claim(noteClaimKey(note))).claimed) this.notes.push(note);
      },
      ...overrides,
    };
  }

  private async accept(request: AcceptRemediationRequest): Promise<AcceptRemediationResult> {
    this.requests.push(request);
    if (this.refuseWith) return { ok: false, ...this.refuseWith };
    const id = this.byKey.get(request.idempotencyKey) ?? `req-${this.byKey.size + 1}`;
    this.byKey.set(request.idempotencyKey, id);
    return { ok: true, id, status: "queued", statusUrl: `http://127.0.0.1:7071/api/remediations/${id}` };
  }
}
