import { describe, expect, it } from "vitest";
import { deleteTicketConnection, putTicketConnection } from "../../../shared/tickets/ticket-connections";
import type { TenantEvent } from "../../../shared/store/tenant-event-log";
import type { OpenedConnection } from "../../../shared/store/ticket-connection-store";

/** The use case with in-memory stand-ins for the tenant registry, the connection store and the tenant's events. */
function deps() {
  const stored = new Map<string, OpenedConnection>();
  const events: TenantEvent[] = [];
  return {
    stored,
    events,
    deps: {
      tenants: { get: async (id: string) => (id === "contoso" ? ({ tenantId: "contoso" } as never) : null) },
      connections: {
        put: async (tenantId: string, system: string, connection: OpenedConnection) => {
          const created = !stored.has(`${tenantId}/${system}`);
          stored.set(`${tenantId}/${system}`, connection);
          return created;
        },
        list: async () => [],
        delete: async (tenantId: string, system: string) => stored.delete(`${tenantId}/${system}`),
      },
      events: { append: async (event: TenantEvent) => void events.push(event) },
      by: { oid: "o-1", upn: "admin@msp.example" },
      now: new Date("2026-12-01T10:00:00Z"),
    },
  };
}

const AUTOTASK = { baseUrl: "https://webservices.autotask.net/", credentials: { userName: "api@contoso.example", secret: "s3cr3t-value", integrationCode: "CODE" } };

describe("a tenant's ticket connections", () => {
  it("stores a valid connection (trailing slash trimmed) and records which fields it holds, never their values", async () => {
    const { stored, events, deps: d } = deps();
    const { view, created } = await putTicketConnection("contoso", "autotask", AUTOTASK, d);
    expect(created).toBe(true);
    expect(view).toMatchObject({ system: "autotask", baseUrl: "https://webservices.autotask.net", credentialFields: ["integrationCode", "secret", "userName"] });
    expect(stored.get("contoso/autotask")?.credentials.secret).toBe("s3cr3t-value");
    expect(events.map((e) => e.kind)).toEqual(["ticket-connection-set"]);
    expect(JSON.stringify([view, events])).not.toContain("s3cr3t-value");
  });

  it("refuses a body the system's schema does not take, with 400 and nothing stored", async () => {
    const bad = [
      { ...AUTOTASK, credentials: { ...AUTOTASK.credentials, password: "x" } },
      { ...AUTOTASK, credentials: { userName: "u", secret: "s" } },
      { ...AUTOTASK, baseUrl: "http://webservices.autotask.net" },
      { ...AUTOTASK, baseUrl: "https://user:pw@webservices.autotask.net" },
      { ...AUTOTASK, options: { colour: "blue" } },
      { ...AUTOTASK, extra: true },
    ];
    for (const body of bad) {
      const { stored, events, deps: d } = deps();
      await expect(putTicketConnection("contoso", "autotask", body, d)).rejects.toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
      expect([stored.size, events.length]).toEqual([0, 0]);
    }
    const halo = deps();
    await expect(putTicketConnection("contoso", "halopsa", { baseUrl: "https://contoso.halopsa.com", credentials: { clientId: "only-an-id" } }, halo.deps)).rejects.toMatchObject({ status: 400 });
    expect((await putTicketConnection("contoso", "halopsa", { baseUrl: "https://contoso.halopsa.com", credentials: { clientId: "id", clientSecret: "secret" } }, halo.deps)).created).toBe(true);
  });

  it("answers 404 for an unknown system, an unknown tenant, or removing a connection that is not there", async () => {
    const { deps: d } = deps();
    await expect(putTicketConnection("contoso", "remedy", AUTOTASK, d)).rejects.toMatchObject({ code: "UNKNOWN_SYSTEM" });
    await expect(putTicketConnection("nobody", "autotask", AUTOTASK, d)).rejects.toMatchObject({ code: "TENANT_NOT_FOUND" });
    await expect(deleteTicketConnection("contoso", "autotask", d)).rejects.toMatchObject({ code: "TICKET_CONNECTION_NOT_FOUND" });
    await putTicketConnection("contoso", "autotask", AUTOTASK, d);
    await expect(deleteTicketConnection("contoso", "autotask", d)).resolves.toBeUndefined();
  });
});
