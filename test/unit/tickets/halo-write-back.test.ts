import { afterEach, describe, expect, it } from "vitest";
import { deliverNote } from "../../../shared/tickets/deliver-note";
import { HaloTokenCache } from "../../../shared/tickets/halo-token";
import { notesForRemediation } from "../../../shared/tickets/notes-for-remediation";
import type { TicketNote } from "../../../shared/tickets/ticket-note";
import { FakeTicketServer } from "./support/fake-ticket-server";

const CLIENT = { clientId: "smtpfix-app", clientSecret: "halo-client-secret-5b1e" };
const servers: FakeTicketServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function halo(lifetimeSeconds = 3600): Promise<{ server: FakeTicketServer; settings: { raw: Record<string, string> } }> {
  const server = new FakeTicketServer();
  servers.push(server);
  server.issueTokens({ ...CLIENT, lifetimeSeconds });
  const url = await server.start();
  return { server, settings: { raw: { TICKET_HALOPSA_BASE_URL: url, TICKET_HALOPSA_CLIENT_ID: CLIENT.clientId, TICKET_HALOPSA_CLIENT_SECRET: CLIENT.clientSecret } } };
}

function note(status: string): TicketNote {
  const summary = { id: "req-7", tenantId: "contoso", mailbox: "invoices@contoso.com", status, causes: [], steps: [] };
  return notesForRemediation(summary, { system: "halopsa", id: "20817" }, "en")[0]!;
}

describe("HaloPSA write-back with client_credentials tokens", () => {
  it("gets a token once and writes every note with it while it lives", async () => {
    const { server, settings } = await halo();
    const tokens = new HaloTokenCache();
    expect(await deliverNote(note("queued"), settings, fetch, { haloTokens: tokens })).toEqual({ outcome: "delivered", httpStatus: 200 });
    expect(await deliverNote(note("succeeded"), settings, fetch, { haloTokens: tokens })).toEqual({ outcome: "delivered", httpStatus: 200 });
    expect(server.tokenRequests).toBe(1);
    expect(server.calls.map((c) => c.authorization)).toEqual(["Bearer halo-token-1", "Bearer halo-token-1"]);
  });

  it("asks for a new token once the old one has expired, before Halo has to refuse it", async () => {
    const { server, settings } = await halo();
    const tokens = new HaloTokenCache();
    let clock = Date.parse("2026-11-30T09:00:00Z");
    const now = () => new Date(clock);
    await deliverNote(note("queued"), settings, fetch, { haloTokens: tokens, now });
    clock += 3600 * 1000;
    expect(await deliverNote(note("succeeded"), settings, fetch, { haloTokens: tokens, now })).toMatchObject({ outcome: "delivered" });
    expect(server.tokenRequests).toBe(2);
    expect(server.refusedForToken).toBe(0);
    expect(server.calls.map((c) => c.authorization)).toEqual(["Bearer halo-token-1", "Bearer halo-token-2"]);
  });

  it("retries once with a fresh token after a 401 (a token revoked before its expiry)", async () => {
    const { server, settings } = await halo();
    const tokens = new HaloTokenCache();
    await deliverNote(note("queued"), settings, fetch, { haloTokens: tokens });
    server.revokeTokens();
    expect(await deliverNote(note("succeeded"), settings, fetch, { haloTokens: tokens })).toMatchObject({ outcome: "delivered" });
    expect(server.refusedForToken).toBe(1);
    expect(server.tokenRequests).toBe(2);
  });

  it("gives up, without the secret in the reason, when Halo refuses the client, and after a second 401", async () => {
    const { server, settings } = await halo();
    const wrong = { raw: { ...settings.raw, TICKET_HALOPSA_CLIENT_SECRET: "not-the-secret" } };
    const refused = await deliverNote(note("queued"), wrong, fetch, { haloTokens: new HaloTokenCache() });
    expect(refused).toEqual({ outcome: "give-up", reason: "halopsa token endpoint answered HTTP 401" });
    // A token that dies at once: the retry's fresh token is refused as well, and that is the end.
    const { server: dying, settings: dyingSettings } = await halo(0);
    const outcome = await deliverNote(note("queued"), dyingSettings, fetch, { haloTokens: new HaloTokenCache() });
    expect(outcome).toEqual({ outcome: "give-up", reason: "halopsa comment API answered HTTP 401" });
    expect(dying.tokenRequests).toBe(2);
    expect(server.calls).toHaveLength(0);
  });

  it("sends the tenant and scope Halo's hosted instances need", async () => {
    const requests: Array<{ url: string; body: string }> = [];
    const fakeFetch: typeof fetch = async (url, init) => {
      requests.push({ url: String(url), body: String(init?.body) });
      return String(url).includes("/auth/token")
        ? new Response(JSON.stringify({ access_token: "t", expires_in: 3600 }), { status: 200 })
        : new Response("{}", { status: 201 });
    };
    const settings = { raw: { TICKET_HALOPSA_BASE_URL: "https://contoso.halopsa.com", TICKET_HALOPSA_CLIENT_ID: "id", TICKET_HALOPSA_CLIENT_SECRET: "s", TICKET_HALOPSA_TENANT: "contoso", TICKET_HALOPSA_SCOPE: "all" } };
    await deliverNote(note("queued"), settings, fakeFetch, { haloTokens: new HaloTokenCache() });
    expect(requests[0]?.url).toBe("https://contoso.halopsa.com/auth/token?tenant=contoso");
    expect(new URLSearchParams(requests[0]?.body)).toEqual(new URLSearchParams({ grant_type: "client_credentials", client_id: "id", client_secret: "s", scope: "all" }));
    expect(requests[1]?.url).toBe("https://contoso.halopsa.com/api/actions");
  });
});
