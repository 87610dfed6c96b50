import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXCHANGE_SCOPE, call, invoke, startTestSimulator, token } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";

const TENANT = "66666666-2222-3333-4444-555555555555";
let sim: RunningSimulator;

beforeAll(async () => { sim = await startTestSimulator(); });
afterAll(async () => sim.close());

describe("a 100,000-mailbox tenant", () => {
  it("is created in a few seconds and fully paged through Get-CASMailbox", async () => {
    const created = Date.now();
    const reply = await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: "big.test", mailboxes: 100_000 } });
    const createSeconds = (Date.now() - created) / 1000;
    expect(reply.status).toBe(201);
    expect(reply.body.mailboxCount).toBe(100_000);
    expect(createSeconds).toBeLessThan(5);

    await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/user050000@big.test`, { body: { smtpClientAuthenticationDisabled: false } });
    const exo = await token(sim, TENANT, EXCHANGE_SCOPE);
    const paged = Date.now();
    let page = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: "Unlimited" }, { select: "ExternalDirectoryObjectId,SmtpClientAuthenticationDisabled" });
    let count = 0;
    let enabled = 0;
    let pages = 0;
    for (;;) {
      expect(page.status).toBe(200);
      for (const m of page.body.value) { count += 1; if (m.SmtpClientAuthenticationDisabled === false) enabled += 1; }
      pages += 1;
      const next = page.body["@odata.nextLink"];
      if (!next) break;
      page = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: "Unlimited" }, { url: next, select: "ExternalDirectoryObjectId,SmtpClientAuthenticationDisabled" });
    }
    const pageSeconds = (Date.now() - paged) / 1000;
    console.log(`100k tenant: created in ${createSeconds.toFixed(3)} s, paged ${count} mailboxes in ${pages} pages in ${pageSeconds.toFixed(2)} s`);
    expect(count).toBe(100_000);
    expect(pages).toBe(100);
    expect(enabled).toBe(1);
  }, 120_000);
});
