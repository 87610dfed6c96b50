import { afterEach, describe, expect, it } from "vitest";
import { FakeAutotask } from "../../../dev/vendors/fake-autotask";
import { deliverNote } from "../../../shared/tickets/deliver-note";
import { parseWebhook } from "../../../shared/tickets/parse-webhook";
import { signAutotask, verifySignature } from "../../../shared/tickets/verify-signature";
import type { TicketNote } from "../../../shared/tickets/ticket-note";
import { NOW, SECRETS, fixture } from "./support/deliveries";

const USER = { userName: "api@contoso.example", secret: "api-secret", integrationCode: "INTEGRATIONCODE" };
const running: FakeAutotask[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

function note(ticketId = "7421"): TicketNote {
  return { id: "req-9:completed", system: "autotask", ticketId, kind: "completed", locale: "en", content: { remediationId: "req-9", status: "succeeded" } };
}

describe("Autotask", () => {
  it("verifies X-Hook-Signature as sha1=base64(HMAC-SHA1(SecretKey, body))", () => {
    const rawBody = fixture("autotask-ticket-created.json");
    const headers = { "x-hook-signature": signAutotask(SECRETS.autotask, rawBody) };
    expect(headers["x-hook-signature"]).toMatch(/^sha1=[A-Za-z0-9+/]{27}=$/);
    expect(verifySignature({ system: "autotask", rawBody, headers, secret: SECRETS.autotask, now: NOW })).toBe(true);
    expect(verifySignature({ system: "autotask", rawBody, headers, secret: "another-secret", now: NOW })).toBe(false);
    expect(verifySignature({ system: "autotask", rawBody, headers: { authorization: `Bearer ${SECRETS.autotask}` }, secret: SECRETS.autotask, now: NOW })).toBe(false);
  });

  it("reads a Ticket callout: the id, the mailbox from the description, no requester address (the contact is an id)", () => {
    const parsed = parseWebhook("autotask", JSON.parse(fixture("autotask-ticket-created.json")), {});
    expect(parsed).toMatchObject({ kind: "event", event: { system: "autotask", ticketId: "7421", requesterUnknown: true, subject: "Finance scanner cannot email scans" } });
    expect(parsed.kind === "event" && parsed.event.requester).toBeUndefined();
  });

  it("ignores deletes, our own notes and changes by our API user's resource; reads a TicketNote's ticket", () => {
    const callout = JSON.parse(fixture("autotask-ticket-created.json")) as Record<string, unknown>;
    expect(parseWebhook("autotask", { ...callout, Action: "Delete" }, {})).toMatchObject({ kind: "ignored" });
    expect(parseWebhook("autotask", { ...callout, PersonID: 4242 }, {}, { autotask: "4242" })).toMatchObject({ kind: "ignored", reason: "an update by the integration user" });
    const ownNote = { ...callout, EntityType: "TicketNote", Id: 99, Fields: { ticketID: 7421, title: "[smtp-auth-fix] SMTP AUTH fix accepted", description: "[smtp-auth-fix] ..." } };
    expect(parseWebhook("autotask", ownNote, {})).toMatchObject({ kind: "ignored", reason: "our own note" });
    const technicianNote = { ...ownNote, Fields: { ticketID: 7421, title: "Checked", description: "The device sends as scan.finance@contoso.com" } };
    expect(parseWebhook("autotask", technicianNote, {})).toMatchObject({ kind: "event", event: { ticketId: "7421" } });
  });

  it("finds the user's zone, then writes the note there with the API user's headers; a wrong secret gives up on Autotask's 401", async () => {
    const site = new FakeAutotask(USER);
    running.push(site);
    await site.start();
    site.tickets.set(7421, { title: "t", description: "d" });
    const connection = { baseUrl: site.origin, credentials: USER, options: {} };
    expect(await deliverNote(note(), { raw: {} }, fetch, { connection })).toEqual({ outcome: "delivered", httpStatus: 200 });
    expect(site.zoneLookups).toBe(1);
    expect(site.notes).toEqual([{ ticketId: 7421, title: expect.stringContaining("SMTP AUTH fix completed"), description: expect.stringContaining("[smtp-auth-fix]"), publish: 1 }]);
    const wrong = { ...connection, credentials: { ...USER, secret: "wrong" } };
    expect(await deliverNote(note(), { raw: {} }, fetch, { connection: wrong })).toEqual({ outcome: "give-up", reason: "autotask comment API answered HTTP 401" });
    const unknownUser = { ...connection, credentials: { ...USER, userName: "nobody@contoso.example" } };
    expect(await deliverNote(note(), { raw: {} }, fetch, { connection: unknownUser })).toMatchObject({ outcome: "give-up", reason: "autotask zoneInformation answered HTTP 404" });
    expect(site.notes).toHaveLength(1);
  });
});
