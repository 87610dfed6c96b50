import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { MAX_IN_CALL_WAIT_MS } from "../../shared/m365/call-policy";
import { EXCHANGE_READ_CMDLETS, EXCHANGE_WRITE_CMDLETS } from "../../shared/m365/exchange-role";
import { parseRetryAfter } from "../../shared/retry/backoff";
import { collectPages, useContractSim, type ContractSim } from "./sim-harness";

const contractSim = useContractSim();
let sim: ContractSim;
beforeEach(() => {
  sim = contractSim();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Exchange gateway against the simulator", () => {
  it("reads a CAS mailbox, and null for one Exchange does not know", async () => {
    const { tenantId, domain } = await sim.createTenant();
    const upn = `printer@${domain}`;
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, { smtpClientAuthenticationDisabled: true });
    const gw = sim.gateways(tenantId);
    expect(await gw.exchange.getCasMailbox(upn)).toMatchObject({ primarySmtpAddress: upn, smtpClientAuthenticationDisabled: true });
    expect(await gw.exchange.getCasMailbox(`ghost@${domain}`)).toBeNull();
  });

  it("sets the mailbox and organisation flags, which become visible only after the propagation delay", async () => {
    // Exchange Administrator: the app's own role group holds no Set-TransportConfig (no flow changes the organisation's flag).
    const { tenantId, domain } = await sim.createTenant({ orgSmtpAuthDisabled: true, exchangeRoleCmdlets: null });
    const upn = `scanner@${domain}`;
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, { smtpClientAuthenticationDisabled: null });
    await sim.control("PUT", "/_sim/faults", { propagationDelayMs: 1_500 });
    const gw = sim.gateways(tenantId);
    await gw.exchange.setCasMailboxSmtpAuthDisabled(upn, false);
    await gw.exchange.setOrgSmtpAuthDisabled(false);
    expect((await gw.exchange.getCasMailbox(upn))?.smtpClientAuthenticationDisabled).toBeNull();
    expect(await gw.exchange.getOrgSmtpAuthDisabled()).toBe(true);
    await sleep(1_600);
    expect((await gw.exchange.getCasMailbox(upn))?.smtpClientAuthenticationDisabled).toBe(false);
    expect(await gw.exchange.getOrgSmtpAuthDisabled()).toBe(false);
  });

  it("pages 2,500 mailboxes 1,000 at a time by re-POSTing the body to nextLink", async () => {
    const { tenantId } = await sim.createTenant({ mailboxes: 2_500 });
    const gw = sim.gateways(tenantId);
    const { sizes, keys } = await collectPages(gw.exchange.listCasMailboxes(), (m) => m.externalDirectoryObjectId);
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(keys.size).toBe(2_500);
    const calls = (await sim.callLog(tenantId)).filter((c) => c.operation === "InvokeCommand Get-CASMailbox");
    expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
  });

  it("restarts paging from the first page when a link has expired, yielding each mailbox once", async () => {
    const { tenantId } = await sim.createTenant({ mailboxes: 2_500 });
    await sim.control("PUT", "/_sim/faults", { pagingLinkTtlMs: 400 });
    const gw = sim.gateways(tenantId);
    const ids: string[] = [];
    let first = true;
    for await (const page of gw.exchange.listCasMailboxes()) {
      ids.push(...page.map((m) => m.externalDirectoryObjectId));
      if (first) await sleep(600);
      first = false;
    }
    expect(ids).toHaveLength(2_500);
    expect(new Set(ids).size).toBe(2_500);
    const statuses = (await sim.callLog(tenantId)).filter((c) => c.operation === "InvokeCommand Get-CASMailbox").map((c) => c.status);
    expect(statuses).toEqual([200, 400, 200, 200, 200]);
  });

  it("names the missing permission when Exchange refuses the cmdlet", async () => {
    const { tenantId } = await sim.createTenant({ deniedPermissions: ["Exchange.ManageAsApp"] });
    await expect(sim.gateways(tenantId).exchange.getOrgSmtpAuthDisabled()).rejects.toMatchObject({
      kind: "permanent",
      status: 401,
      permission: "Exchange.ManageAsApp",
      message: expect.stringContaining("User is not allowed to call Get-TransportConfig"),
    });
  });

  it("runs every cmdlet of the app's role group and is refused the others, as Exchange refuses them", async () => {
    const { tenantId, domain } = await sim.createTenant({ exchangeRoleCmdlets: [...EXCHANGE_READ_CMDLETS, ...EXCHANGE_WRITE_CMDLETS] });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/printer@${domain}`, { smtpClientAuthenticationDisabled: true });
    const gw = sim.gateways(tenantId);
    expect(await gw.exchange.getOrgSmtpAuthDisabled()).toBe(true);
    expect(await gw.exchange.getAuthenticationPolicyFor(`printer@${domain}`)).toBeNull();
    await gw.exchange.setCasMailboxSmtpAuthDisabled(`printer@${domain}`, false);
    await expect(gw.exchange.setOrgSmtpAuthDisabled(false)).rejects.toMatchObject({
      kind: "permanent",
      status: 401,
      message: expect.stringContaining("User is not allowed to call Set-TransportConfig"),
    });
    expect((await sim.control<{ orgSmtpAuthDisabled: boolean }>("GET", `/_sim/tenants/${tenantId}`)).orgSmtpAuthDisabled).toBe(true);
  });

  it("with the read-only role group, reads work and the mailbox write is refused and changes nothing", async () => {
    const { tenantId, domain } = await sim.createTenant({ exchangeRoleCmdlets: [...EXCHANGE_READ_CMDLETS] });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/printer@${domain}`, { smtpClientAuthenticationDisabled: true });
    const gw = sim.gateways(tenantId);
    expect((await gw.exchange.getCasMailbox(`printer@${domain}`))?.smtpClientAuthenticationDisabled).toBe(true);
    await expect(gw.exchange.setCasMailboxSmtpAuthDisabled(`printer@${domain}`, false)).rejects.toMatchObject({
      kind: "permanent",
      status: 401,
      permission: "Exchange.ManageAsApp",
      message: expect.stringContaining("User is not allowed to call Set-CASMailbox"),
    });
    expect((await gw.exchange.getCasMailbox(`printer@${domain}`))?.smtpClientAuthenticationDisabled).toBe(true);
  });

  it("finds the authentication policy in force: the user's own, else the organisation default", async () => {
    const { tenantId, domain } = await sim.createTenant({ defaultAuthenticationPolicy: "Org Default" });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/authentication-policies/Org Default`, { allowBasicAuthSmtp: true });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/authentication-policies/No Basic`, { allowBasicAuthSmtp: false });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/own@${domain}`, { authenticationPolicy: "No Basic" });
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/plain@${domain}`, {});
    const gw = sim.gateways(tenantId);
    expect(await gw.exchange.getAuthenticationPolicyFor(`own@${domain}`)).toEqual({ name: "No Basic", allowBasicAuthSmtp: false });
    expect(await gw.exchange.getAuthenticationPolicyFor(`plain@${domain}`)).toEqual({ name: "Org Default", allowBasicAuthSmtp: true });
  });

  it("times out a slow call and reports it as transient", async () => {
    const { tenantId } = await sim.createTenant();
    const gw = sim.gateways(tenantId, { policy: { maxRetries: 0 } }, { M365_TIMEOUT_MS: 300 });
    await gw.exchange.getOrgSmtpAuthDisabled(); // token first, before the latency
    await sim.control("PUT", "/_sim/faults", { latencyMs: 1_000 });
    await expect(gw.exchange.getOrgSmtpAuthDisabled()).rejects.toMatchObject({ kind: "transient", code: "Timeout" });
  });

  it("reports an unreachable service as transient", async () => {
    const { tenantId } = await sim.createTenant();
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const gw = sim.gateways(tenantId, { policy: { maxRetries: 0 } }, { EXCHANGE_BASE_URL: `https://127.0.0.1:${port}` });
    await expect(gw.exchange.getOrgSmtpAuthDisabled()).rejects.toMatchObject({ kind: "transient", code: "NetworkError" });
  });

  it("never calls again earlier than Retry-After when throttled", async () => {
    const { tenantId, domain } = await sim.createTenant();
    const upn = `busy@${domain}`;
    await sim.control("PUT", `/_sim/tenants/${tenantId}/mailboxes/${upn}`, {});
    await sim.control("PUT", "/_sim/faults", { throttle: { requestsPer10s: 4 } });
    const exchange: Array<{ sentAt: number; answeredAt: number; status: number; retryAfter: string | null }> = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const sentAt = Date.now();
      const response = await fetch(input, init);
      if (String(input).includes("/InvokeCommand")) {
        exchange.push({ sentAt, answeredAt: Date.now(), status: response.status, retryAfter: response.headers.get("retry-after") });
      }
      return response;
    };
    const gw = sim.gateways(tenantId, { fetch: recordingFetch });
    for (let i = 0; i < 7; i++) expect(await gw.exchange.getCasMailbox(upn)).not.toBeNull();
    const throttled = exchange.filter((c) => c.status === 429);
    expect(throttled.length).toBeGreaterThan(0);
    for (const t of throttled) {
      const waitMs = parseRetryAfter(t.retryAfter)!;
      expect(waitMs).toBeLessThanOrEqual(MAX_IN_CALL_WAIT_MS);
      // Calls are sequential, so the next one is the next entry; a 429 answered within
      // the millisecond it was sent would otherwise match itself.
      const next = exchange[exchange.indexOf(t) + 1]!;
      expect(next.sentAt - t.answeredAt).toBeGreaterThanOrEqual(waitMs);
    }
  });
});
