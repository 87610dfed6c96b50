import { createHash, createHmac, randomUUID } from "node:crypto";
import { FakeVendor } from "./fake-vendor";
import type { VendorAnswer, VendorRequest } from "./vendor-http";

const API = "/v4_6_release/apis/3.0";

/** The API member write-back signs in as, and the integration's client id, as the fake checks them. */
export interface ConnectWiseMember {
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

/** A note the fake took, as `POST service/tickets/{id}/notes` received it. */
export interface ConnectWiseNote {
  ticketId: number;
  text: string;
  internalAnalysisFlag: boolean;
}

/** A ticket as the fake keeps it and sends it in callbacks' `Entity`. */
export interface ConnectWiseTicket {
  id: number;
  summary: string;
  contactEmailAddress: string;
  customFields: Array<{ id: number; caption: string; value: string }>;
}

/**
 * A ConnectWise PSA site as far as the app meets it: it signs callbacks with a signing key served at
 * the callback's key URL (`x-content-signature`, base64 HMAC-SHA256 under the key's SHA-256), and takes
 * ticket notes through the REST API only from the API member's keys (Basic `company+public:private`)
 * with the integration's `clientId` header; anything else gets the 401 ConnectWise answers.
 */
export class FakeConnectWise extends FakeVendor<ConnectWiseNote> {
  keyFetches = 0;
  readonly tickets = new Map<number, ConnectWiseTicket>();
  private readonly signingKey = `cw-key-${randomUUID()}`;

  constructor(readonly member: ConnectWiseMember) {
    super();
  }

  /** A signed callback for a ticket, as ConnectWise posts it; `keyUrl` overrides where the key is said to be. */
  callback(ticketId: number, action: "added" | "updated", options: { keyUrl?: string; memberId?: string } = {}): { body: string; headers: Record<string, string> } {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`no ticket ${ticketId}`);
    const body = JSON.stringify({
      MessageId: randomUUID(),
      FromUrl: this.origin,
      CompanyId: this.member.companyId,
      MemberId: options.memberId ?? "mpetrova",
      Action: action,
      Type: "ticket",
      ID: ticketId,
      ProductInstanceId: null,
      PartnerId: null,
      Entity: JSON.stringify({ ...ticket, _info: { lastUpdated: new Date().toISOString(), updatedBy: options.memberId ?? "mpetrova" } }),
      Metadata: { key_url: options.keyUrl ?? `${this.origin}${API}/system/callbacks/keys/31` },
    });
    return { body, headers: { "content-type": "application/json", "x-content-signature": this.sign(body) } };
  }

  private sign(body: string): string {
    const key = createHash("sha256").update(this.signingKey, "utf8").digest();
    return createHmac("sha256", key).update(body, "utf8").digest("base64");
  }

  protected handle(request: VendorRequest): VendorAnswer {
    if (request.method === "GET" && /^\/v4_6_release\/apis\/3\.0\/system\/callbacks\/keys\/\d+$/.test(request.path)) {
      this.keyFetches += 1;
      return { status: 200, body: { signing_key: this.signingKey } };
    }
    const noteOn = /^\/v4_6_release\/apis\/3\.0\/service\/tickets\/(\d+)\/notes$/.exec(request.path);
    if (request.method === "POST" && noteOn) return this.takeNote(Number(noteOn[1]), request);
    return this.refuse(request.path, 404, "Not Found");
  }

  private takeNote(ticketId: number, request: VendorRequest): VendorAnswer {
    const expected = `Basic ${Buffer.from(`${this.member.companyId}+${this.member.publicKey}:${this.member.privateKey}`).toString("base64")}`;
    if (request.headers.authorization !== expected || request.headers["clientid"] !== this.member.clientId) return this.refuse(request.path, 401, "Unauthorized");
    if (!this.tickets.has(ticketId)) return this.refuse(request.path, 404, "Ticket not found");
    const body = request.body as { text?: unknown; internalAnalysisFlag?: unknown } | undefined;
    if (typeof body?.text !== "string" || body.text.trim() === "") return this.refuse(request.path, 400, "text is required");
    const note: ConnectWiseNote = { ticketId, text: body.text, internalAnalysisFlag: body.internalAnalysisFlag === true };
    this.keep(note);
    return { status: 201, body: { id: this.notes.length, ticketId, text: note.text } };
  }

  private refuse(path: string, status: number, message: string): VendorAnswer {
    return this.refusal(path, status, { code: status === 401 ? "Unauthorized" : "NotFound", message });
  }
}
