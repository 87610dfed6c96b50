import { parseArgs } from "node:util";
import { startAzurite } from "../dev/azurite";
import { ensureCertificate } from "../dev/sim/certificate";
import { startSimulator } from "../dev/sim/start-simulator";
import { startVerification } from "../shared/domain/verification";
import { createM365GatewayFactory } from "../shared/m365/gateway-factory";
import type { RemediationRecord } from "../shared/remediation/remediation-record";
import { verifyFixes } from "../shared/remediation/verify-fixes";
import { EventTrail } from "../shared/store/event-trail";
import { RequestStore } from "../shared/store/request-store";
import { certDir, controlClient, restartTrusting } from "./bench-sim";

/**
 * `npm run bench:verify -- [--tenants 3] [--requests 10] [--poll-seconds 300] [--window-hours 24]`:
 * one simulated verification window on a clock that jumps a poll interval per check. Each tenant has
 * `requests` fixes waiting; half the devices sign in after an hour, the rest never do. Prints one JSON
 * line with the sign-in queries per tenant the simulator counted, and how the fixes ended.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tenants: { type: "string", default: "3" }, requests: { type: "string", default: "10" }, "poll-seconds": { type: "string", default: "300" }, "window-hours": { type: "string", default: "24" } }, strict: false });
  const [tenants, requests, pollSeconds, windowHours] = [values.tenants, values.requests, values["poll-seconds"], values["window-hours"]].map(Number) as [number, number, number, number];
  const certPath = (await ensureCertificate(certDir())).certPath;
  if (process.env.NODE_EXTRA_CA_CERTS !== certPath) return restartTrusting(__filename, certPath);

  const sim = await startSimulator({ port: 0, smtpPort: 0, certDir: certDir() });
  const azurite = await startAzurite({ inMemory: true, blobPort: 0, queuePort: 0, tablePort: 0, quiet: true });
  try {
    const control = controlClient(sim.baseUrl);
    const [store, events] = await Promise.all([RequestStore.open(azurite.connectionString), EventTrail.open(azurite.connectionString)]);
    const gateways = createM365GatewayFactory({ M365_AUTHORITY_HOST: sim.baseUrl, GRAPH_BASE_URL: sim.baseUrl, EXCHANGE_BASE_URL: sim.baseUrl, M365_CLIENT_ID: "sim-client", M365_CLIENT_SECRET: "sim-secret", M365_TIMEOUT_MS: 30_000 });
    const start = Date.now();
    const windowMs = windowHours * 3_600_000;
    const ids = Array.from({ length: tenants }, (_, t) => `bench-verify-${t}`);
    for (const tenantId of ids) {
      await control("POST", "/_sim/tenants", { tenantId, domain: `${tenantId}.example`, mailboxes: 0 });
      for (let r = 0; r < requests; r++) await store.create(waitingRequest(tenantId, `device${r}@${tenantId}.example`, new Date(start), windowMs));
    }
    let now = start;
    const clock = { now: () => new Date(now), log: { info: () => undefined, warn: (m: string) => console.error(m), error: (m: string) => console.error(m) } };
    let checks = 0;
    for (; now <= start + windowMs + pollSeconds * 1000; now += pollSeconds * 1000) {
      if (now - start >= 3_600_000 && now - start < 3_600_000 + pollSeconds * 1000) {
        for (const tenantId of ids) {
          const signIns = Array.from({ length: Math.ceil(requests / 2) }, (_, r) => ({ userPrincipalName: `device${r}@${tenantId}.example`, createdDateTime: new Date(now - 60_000).toISOString(), ipAddress: "203.0.113.10" }));
          await control("POST", `/_sim/tenants/${tenantId}/sign-ins`, signIns);
        }
      }
      await verifyFixes({ requests: store, events, gateways, notify: async () => undefined, ...clock }, { pollMs: pollSeconds * 1000 });
      checks++;
    }
    const queries: number[] = [];
    for (const tenantId of ids) {
      const { log } = await control<{ log: Array<{ operation: string }> }>("GET", `/_sim/calls?log=1&tenantId=${tenantId}`);
      queries.push(log.filter((c) => c.operation.includes("auditLogs/signIns")).length);
    }
    const statuses: Record<string, number> = {};
    for (const tenantId of ids) for (let r = 0; r < requests; r++) {
      const v = (await store.get(`${tenantId}-${r}`))?.record.verification?.status ?? "missing";
      statuses[v] = (statuses[v] ?? 0) + 1;
    }
    console.log(JSON.stringify({ tenants, requestsPerTenant: requests, pollSeconds, windowHours, checks, signInQueriesPerTenant: queries, statuses }));
  } finally {
    await sim.close();
    await azurite.close();
  }
}

function waitingRequest(tenantId: string, mailbox: string, fixedAt: Date, windowMs: number): RemediationRecord {
  const at = fixedAt.toISOString();
  const id = `${tenantId}-${mailbox.slice(6, mailbox.indexOf("@"))}`;
  return { id, tenantId, mailbox, mode: "apply", source: "api", status: "succeeded", steps: [], stage: "done", diagnoseAttempts: 1, createdAt: at, updatedAt: at, completedAt: at, verification: startVerification(fixedAt, windowMs) };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
