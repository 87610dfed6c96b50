import { describe, expect, it } from "vitest";
import { lookupZendeskRequester } from "../../../shared/tickets/zendesk-requester";

const SETTINGS = { TICKET_ZENDESK_BASE_URL: "https://acme.zendesk.example", TICKET_ZENDESK_AUTH: "Bearer t" };
const answering = (user: Record<string, unknown>): typeof fetch => async () => new Response(JSON.stringify({ user }), { status: 200, headers: { "content-type": "application/json" } });

describe("reading a Zendesk requester", () => {
  it("says whether the requester is one of the help desk's agents (role agent or admin), not an end user", async () => {
    expect(await lookupZendeskRequester("1", SETTINGS, answering({ email: "tech@msp.example", role: "agent" }))).toEqual({ kind: "found", email: "tech@msp.example", agent: true });
    expect(await lookupZendeskRequester("1", SETTINGS, answering({ email: "boss@msp.example", role: "admin" }))).toEqual({ kind: "found", email: "boss@msp.example", agent: true });
    expect(await lookupZendeskRequester("1", SETTINGS, answering({ email: "someone@outside.example", role: "end-user" }))).toEqual({ kind: "found", email: "someone@outside.example", agent: false });
    expect(await lookupZendeskRequester("1", SETTINGS, answering({ email: "someone@outside.example" }))).toEqual({ kind: "found", email: "someone@outside.example", agent: false });
  });
});
