import { describe, expect, it } from "vitest";
import type { TenantGateways } from "../../../shared/m365/m365-gateway";
import { M365Error } from "../../../shared/m365/m365-error";
import { readInteractiveSignIns } from "../../../shared/remediation/read-interactive-sign-ins";

const NOW = new Date("2026-12-07T00:00:00Z");
const graphAnswering = (answer: (userId: string, since: string) => Promise<boolean | null>): TenantGateways["graph"] => ({ hasInteractiveSignInSince: answer }) as unknown as TenantGateways["graph"];

describe("whether a person signs in to the account", () => {
  it("asks for browser sign-ins of the last 30 days by user id and says recent or none", async () => {
    const asked: Array<[string, string]> = [];
    const graph = (found: boolean) => graphAnswering(async (userId, since) => (asked.push([userId, since]), found));
    expect(await readInteractiveSignIns(graph(true), "u1", NOW)).toBe("recent");
    expect(await readInteractiveSignIns(graph(false), "u1", NOW)).toBe("none");
    expect(asked[0]).toEqual(["u1", "2026-11-07T00:00:00.000Z"]);
  });

  it("says unknown, never none, when it cannot tell: no sign-in logs, no user id, no way to ask, a refused read", async () => {
    expect(await readInteractiveSignIns(graphAnswering(async () => null), "u1", NOW)).toBe("unknown");
    expect(await readInteractiveSignIns(graphAnswering(async () => false), null, NOW)).toBe("unknown");
    expect(await readInteractiveSignIns({} as TenantGateways["graph"], "u1", NOW)).toBe("unknown");
    const forbidden = new M365Error("no AuditLog.Read.All", { kind: "permanent", service: "graph", operation: "graph.listInteractiveSignInsOf", status: 403 });
    expect(await readInteractiveSignIns(graphAnswering(async () => { throw forbidden; }), "u1", NOW)).toBe("unknown");
  });

  it("throws a transient failure, for the stage to retry", async () => {
    const busy = new M365Error("throttled", { kind: "throttled", service: "graph", operation: "graph.listInteractiveSignInsOf", status: 429 });
    await expect(readInteractiveSignIns(graphAnswering(async () => { throw busy; }), "u1", NOW)).rejects.toBe(busy);
  });
});
