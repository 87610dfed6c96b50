import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, call, startTestSimulator, token } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";

const TENANT = "audits.test";
let sim: RunningSimulator;
let graph: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: TENANT, mailboxes: 1 } });
  graph = await token(sim, TENANT, GRAPH_SCOPE);
});
afterAll(async () => sim.close());

const audits = (filter: string) => call(sim, "GET", `/v1.0/auditLogs/directoryAudits?$filter=${encodeURIComponent(filter)}`, { token: graph });

describe("Entra directory audits of Conditional Access changes", () => {
  it("logs Microsoft's switch-on of a managed policy, and an admin's change by name", async () => {
    const put = (id: string, body: unknown) => call(sim, "PUT", `/_sim/tenants/${TENANT}/conditional-access/${id}`, { body });
    await put("mm", { microsoftManaged: "block-legacy-authentication", createdDateTime: "2026-10-01T00:00:00Z" });
    await put("mm", { microsoftManaged: "block-legacy-authentication", state: "enabled", createdDateTime: "2026-10-01T00:00:00Z", modifiedDateTime: "2026-11-16T00:00:00Z" });
    await put("own", { displayName: "Block other clients", state: "enabled", changedBy: "admin@audits.test", createdDateTime: "2026-11-20T00:00:00Z" });
    const reply = await audits("category eq 'Policy' and activityDateTime ge 2026-11-01T00:00:00Z");
    expect(reply.status).toBe(200);
    const rows = (reply.body as { value: any[] }).value.map((a) => [a.activityDisplayName, a.targetResources[0].id, a.initiatedBy.user?.userPrincipalName ?? a.initiatedBy.app?.displayName]);
    expect(rows).toEqual([
      ["Add conditional access policy", "own", "admin@audits.test"],
      ["Update conditional access policy", "mm", "Microsoft Managed Policy Manager"],
    ]);
  });

  it("refuses a filter it does not understand, and a token without AuditLog.Read.All", async () => {
    expect((await audits("result eq 'success'")).status).toBe(400);
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { deniedPermissions: ["AuditLog.Read.All"] } });
    const fresh = await token(sim, TENANT, GRAPH_SCOPE);
    expect((await call(sim, "GET", "/v1.0/auditLogs/directoryAudits", { token: fresh })).status).toBe(403);
  });
});
