import { createHmac, randomUUID } from "node:crypto";
import { FakeVendor } from "./fake-vendor";
import type { VendorAnswer, VendorRequest } from "./vendor-http";

/** The API user write-back signs in as (its UserName, Secret and ApiIntegrationCode headers). */
export interface AutotaskApiUser {
  userName: string;
  secret: string;
  integrationCode: string;
}

/** A note the fake took through `POST /V1.0/Tickets/{id}/Notes` in the user's zone. */
export interface AutotaskNote {
  ticketId: number;
  title: string;
  description: string;
  publish: number;
}

/**
 * Autotask PSA as far as the app meets it: `zoneInformation?user=` on the discovery host names the
 * user's zone (here a path of the same server), ticket notes are taken only in that zone and only
 * with the API user's three headers (else 401), and webhook callouts are signed with the webhook's
 * SecretKey (`X-Hook-Signature: sha1=<base64 HMAC-SHA1>`).
 */
export class FakeAutotask extends FakeVendor<AutotaskNote> {
  zoneLookups = 0;
  readonly tickets = new Map<number, { title: string; description: string }>();
  private sequence = 0;
  private readonly guid = randomUUID();

  constructor(readonly user: AutotaskApiUser) {
    super();
  }

  /** A signed callout for a ticket, as the TicketWebhook with this SecretKey posts it. */
  callout(ticketId: number, action: "Create" | "Update", secretKey: string, personId = 29683885): { body: string; headers: Record<string, string> } {
    const ticket = this.tickets.get(ticketId);
    if (!ticket) throw new Error(`no ticket ${ticketId}`);
    this.sequence += 1;
    const body = JSON.stringify({
      Action: action,
      Guid: this.guid,
      EntityType: "Ticket",
      Id: ticketId,
      Fields: { title: ticket.title, description: ticket.description, contactID: 30682 },
      EventTime: new Date().toISOString(),
      SequenceNumber: this.sequence,
      PersonID: personId,
    });
    return { body, headers: { "content-type": "application/json", "x-hook-signature": `sha1=${createHmac("sha1", secretKey).update(body, "utf8").digest("base64")}` } };
  }

  protected handle(request: VendorRequest): VendorAnswer {
    if (request.method === "GET" && request.path === "/ATServicesRest/V1.0/zoneInformation") {
      this.zoneLookups += 1;
      if (request.query.get("user") !== this.user.userName) return this.refuse(request.path, 404, "User not found");
      return { status: 200, body: { zoneName: "America East 14", url: `${this.http.origin}/zone14/ATServicesRest/`, webUrl: `${this.http.origin}/zone14/`, ci: 14 } };
    }
    const noteOn = /^\/zone14\/ATServicesRest\/V1\.0\/Tickets\/(\d+)\/Notes$/i.exec(request.path);
    if (request.method === "POST" && noteOn) return this.takeNote(Number(noteOn[1]), request);
    return this.refuse(request.path, 404, "Not Found");
  }

  private takeNote(ticketId: number, request: VendorRequest): VendorAnswer {
    const h = request.headers;
    if (h["username"] !== this.user.userName || h["secret"] !== this.user.secret || h["apiintegrationcode"] !== this.user.integrationCode) {
      return this.refuse(request.path, 401, "Unauthorized");
    }
    if (!this.tickets.has(ticketId)) return this.refuse(request.path, 404, "Ticket not found");
    const body = request.body as Partial<AutotaskNote & { ticketID: number; noteType: number }> | undefined;
    if (body?.ticketID !== ticketId || !body.title || !body.description || typeof body.noteType !== "number" || typeof body.publish !== "number") {
      return this.refuse(request.path, 500, "ticketID, title, description, noteType and publish are required");
    }
    const note: AutotaskNote = { ticketId, title: body.title, description: body.description, publish: body.publish };
    this.keep(note);
    return { status: 200, body: { itemId: this.notes.length } };
  }

  private refuse(path: string, status: number, message: string): VendorAnswer {
    return this.refusal(path, status, { errors: [message] });
  }
}
