import { afterEach, describe, expect, it } from "vitest";
import { FakeConnectWise } from "../../../dev/vendors/fake-connectwise";
import { deliverNote } from "../../../shared/tickets/deliver-note";
import { parseWebhook } from "../../../shared/tickets/parse-webhook";
import { connectwiseSigningKey } from "../../../shared/tickets/systems/connectwise-signing-key";
import { signConnectWise, verifySignature } from "../../../shared/tickets/verify-signature";
import type { TicketNote } from "../../../shared/tickets/ticket-note";
import { CONNECTIONS, CONNECTWISE_SITE, NOW, SECRETS, fixture } from "./support/deliveries";

const MEMBER = { companyId: "contoso_msp", publicKey: "pub-key-1", privateKey: "priv-key-1", clientId: "client-1" };
const running: FakeConnectWise[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

function note(ticketId = "501"): TicketNote {
  return { id: "req-7:accepted", system: "connectwise", ticketId, kind: "accepted", locale: "en", content: { remediationId: "req-7", mailbox: "scan@contoso.com" } };
}

describe("ConnectWise PSA", () => {
  it("verifies x-content-signature as base64 HMAC-SHA256 keyed with the signing key's SHA-256, and nothing else", () => {
    const rawBody = fixture("connectwise-ticket-added.json");
    const headers = { "x-content-signature": signConnectWise(SECRETS.connectwise, rawBody) };
    expect(verifySignature({ system: "connectwise", rawBody, headers, secret: SECRETS.connectwise, now: NOW })).toBe(true);
    expect(verifySignature({ system: "connectwise", rawBody: `${rawBody} `, headers, secret: SECRETS.connectwise, now: NOW })).toBe(false);
    expect(verifySignature({ system: "connectwise", rawBody, headers: { authorization: `Bearer ${SECRETS.connectwise}` }, secret: SECRETS.connectwise, now: NOW })).toBe(false);
  });

  it("fetches the signing key only from the connection's own origin", async () => {
    const asked: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      asked.push(String(input));
      return new Response(JSON.stringify({ signing_key: "k" }), { status: 200 });
    };
    const body = (keyUrl: string) => JSON.stringify({ Metadata: { key_url: keyUrl } });
    const connection = CONNECTIONS.connectwise;
    for (const elsewhere of ["https://evil.example/key", "http://api-na.myconnectwise.net/key", "https://api-na.myconnectwise.net:8443/key", "https://x@api-na.myconnectwise.net/key", "https://api-na.myconnectwise.net.evil.example/key"]) {
      expect(await connectwiseSigningKey(body(elsewhere), connection, fetchImpl)).toBeUndefined();
    }
    expect(await connectwiseSigningKey(body(`${CONNECTWISE_SITE}/key/1`), undefined, fetchImpl)).toBeUndefined();
    expect(asked).toEqual([]);
    expect(await connectwiseSigningKey(body(`${CONNECTWISE_SITE}/key/unit-1`), connection, fetchImpl)).toBe("k");
    expect(asked).toEqual([`${CONNECTWISE_SITE}/key/unit-1`]);
  });

  it("reads the ticket from Entity (JSON text): the custom field's mailbox, the contact as requester, the callback id as delivery id", () => {
    const parsed = parseWebhook("connectwise", JSON.parse(fixture("connectwise-ticket-added.json")), {});
    expect(parsed).toMatchObject({
      kind: "event",
      event: { system: "connectwise", ticketId: "284731", deliveryId: "5d1a8c37-0c4e-4b8e-9a53-2f1f6d0b7e41", mailbox: "scanner.reception@contoso.com", requester: "maria.petrova@contoso.com" },
    });
  });

  it("ignores deleted tickets, other record types and changes made by our own API member", () => {
    const callback = JSON.parse(fixture("connectwise-ticket-added.json")) as Record<string, unknown>;
    expect(parseWebhook("connectwise", { ...callback, Action: "deleted" }, {})).toMatchObject({ kind: "ignored" });
    expect(parseWebhook("connectwise", { ...callback, Type: "company" }, {})).toMatchObject({ kind: "ignored" });
    expect(parseWebhook("connectwise", { ...callback, MemberId: "SmtpFix-API" }, {}, { connectwise: "smtpfix-api" })).toMatchObject({ kind: "ignored", reason: "an update by the integration member" });
    expect(parseWebhook("connectwise", { ...callback, Entity: "not json" }, {})).toMatchObject({ kind: "invalid" });
  });

  it("writes an internal note with the member's keys and clientId; wrong keys give up on ConnectWise's 401", async () => {
    const site = new FakeConnectWise(MEMBER);
    running.push(site);
    await site.start();
    site.tickets.set(501, { id: 501, summary: "s", contactEmailAddress: "a@contoso.com", customFields: [] });
    const connection = { baseUrl: site.origin, credentials: MEMBER, options: {} };
    expect(await deliverNote(note(), { raw: {} }, fetch, { connection })).toEqual({ outcome: "delivered", httpStatus: 201 });
    expect(site.notes).toEqual([{ ticketId: 501, text: expect.stringContaining("[smtp-auth-fix]"), internalAnalysisFlag: true }]);
    const wrong = { ...connection, credentials: { ...MEMBER, privateKey: "nope" } };
    expect(await deliverNote(note(), { raw: {} }, fetch, { connection: wrong })).toEqual({ outcome: "give-up", reason: "connectwise comment API answered HTTP 401" });
    expect(await deliverNote(note("ABC-1"), { raw: {} }, fetch, { connection })).toMatchObject({ outcome: "give-up" });
    expect(site.notes).toHaveLength(1);
  });
});
