import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXCHANGE_SCOPE, call, invoke, startTestSimulator, token } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";

const TENANT = "22222222-2222-3333-4444-555555555555";
let sim: RunningSimulator;
let exo: string;

beforeAll(async () => {
  sim = await startTestSimulator();
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId: TENANT, domain: "fabrikam.test", mailboxes: 2500, orgSmtpAuthDisabled: true } });
  exo = await token(sim, TENANT, EXCHANGE_SCOPE);
});
afterAll(async () => sim.close());

describe("Exchange InvokeCommand", () => {
  it("finds a CAS mailbox by UPN, SMTP address, mailbox Guid and directory id", async () => {
    const byUpn = await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: "user000010@fabrikam.test" });
    expect(byUpn.status).toBe(200);
    expect(byUpn.body).toMatchObject({ "@odata.context": expect.any(String), "@adminapi.warnings": [] });
    const mailbox = byUpn.body.value[0];
    expect(mailbox).toMatchObject({ PrimarySmtpAddress: "user000010@fabrikam.test", SmtpClientAuthenticationDisabled: null, ImapEnabled: true });
    for (const identity of [mailbox.Guid, mailbox.ExternalDirectoryObjectId, "USER000010@FABRIKAM.TEST"]) {
      const reply = await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: identity });
      expect(reply.body.value[0].Guid).toBe(mailbox.Guid);
    }
  });

  it("limits properties with $select", async () => {
    const reply = await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: "user000010@fabrikam.test" }, { select: "PrimarySmtpAddress,SmtpClientAuthenticationDisabled" });
    expect(reply.body.value[0]).toEqual({ PrimarySmtpAddress: "user000010@fabrikam.test", SmtpClientAuthenticationDisabled: null });
  });

  it("answers an unknown mailbox with 400 Invalid Operation and the reason inside", async () => {
    const reply = await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: "ghost@fabrikam.test" });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toBe("Invalid Operation");
    expect(reply.body.error.innererror.internalexception.message).toMatch(/The operation couldn't be performed because object 'ghost@fabrikam.test' couldn't be found on '.+'\./);
  });

  it("sets the mailbox flag to false, true and null and reads it back", async () => {
    for (const value of [false, true, null]) {
      const set = await invoke(sim, TENANT, exo, "Set-CASMailbox", { Identity: "user000011@fabrikam.test", SmtpClientAuthenticationDisabled: value });
      expect(set.status).toBe(200);
      const read = await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: "user000011@fabrikam.test" });
      expect(read.body.value[0].SmtpClientAuthenticationDisabled).toBe(value);
    }
  });

  it("reads and writes the organisation flag (as Exchange Administrator: the app's own role group holds no Set-TransportConfig)", async () => {
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { exchangeRoleCmdlets: null } });
    expect((await invoke(sim, TENANT, exo, "Get-TransportConfig")).body.value[0].SmtpClientAuthenticationDisabled).toBe(true);
    await invoke(sim, TENANT, exo, "Set-TransportConfig", { SmtpClientAuthenticationDisabled: false });
    expect((await invoke(sim, TENANT, exo, "Get-TransportConfig")).body.value[0].SmtpClientAuthenticationDisabled).toBe(false);
    expect((await call(sim, "GET", `/_sim/tenants/${TENANT}`)).body.orgSmtpAuthDisabled).toBe(false);
  });

  it("reports authentication policies, the org default and the user's policy", async () => {
    await call(sim, "PUT", `/_sim/tenants/${TENANT}/authentication-policies/Block Basic SMTP`, { body: { allowBasicAuthSmtp: false } });
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { defaultAuthenticationPolicy: "Block Basic SMTP" } });
    await call(sim, "PUT", `/_sim/tenants/${TENANT}/mailboxes/user000012@fabrikam.test`, { body: { authenticationPolicy: "Block Basic SMTP" } });
    expect((await invoke(sim, TENANT, exo, "Get-AuthenticationPolicy")).body.value[0]).toMatchObject({ Name: "Block Basic SMTP", AllowBasicAuthSmtp: false });
    expect((await invoke(sim, TENANT, exo, "Get-OrganizationConfig")).body.value[0].DefaultAuthenticationPolicy).toBe("Block Basic SMTP");
    const user = await invoke(sim, TENANT, exo, "Get-User", { Identity: "user000012@fabrikam.test" });
    expect(user.body.value[0]).toMatchObject({ AuthenticationPolicy: "Block Basic SMTP", UserPrincipalName: "user000012@fabrikam.test", ExternalDirectoryObjectId: expect.any(String) });
  });

  it("returns 1000 mailboxes by default and pages 2,500 with ResultSize Unlimited by re-POSTing to nextLink", async () => {
    const first = await invoke(sim, TENANT, exo, "Get-CASMailbox");
    expect(first.body.value).toHaveLength(1000);
    expect(first.body["@odata.nextLink"]).toBeUndefined();
    expect(first.body["@adminapi.warnings"][0]).toMatch(/ResultSize/);
    let reply = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: "Unlimited" }, { pageSize: 1000 });
    const seen = new Set<string>();
    let pages = 0;
    for (;;) {
      expect(reply.status).toBe(200);
      reply.body.value.forEach((m: { Guid: string }) => seen.add(m.Guid));
      pages += 1;
      const next = reply.body["@odata.nextLink"] as string | undefined;
      if (!next) break;
      reply = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: "Unlimited" }, { url: next, pageSize: 1000 });
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(2500);
  });

  it("honours a numeric ResultSize and the Prefer page size", async () => {
    const reply = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: 30 }, { pageSize: 20 });
    expect(reply.body.value).toHaveLength(20);
    const next = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: 30 }, { url: reply.body["@odata.nextLink"], pageSize: 20 });
    expect(next.body.value).toHaveLength(10);
    expect(next.body["@odata.nextLink"]).toBeUndefined();
  });

  it("refuses an expired paging link with 'Expired or Invalid pagination request'", async () => {
    await call(sim, "PUT", "/_sim/faults", { body: { pagingLinkTtlMs: 50 } });
    const first = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: "Unlimited" }, { pageSize: 10 });
    await new Promise((r) => setTimeout(r, 120));
    const expired = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: "Unlimited" }, { url: first.body["@odata.nextLink"], pageSize: 10 });
    await call(sim, "PUT", "/_sim/faults", { body: {} });
    expect(expired.status).toBe(400);
    expect(JSON.stringify(expired.body)).toContain("Expired or Invalid pagination request");
  });

  it("refuses a link re-POSTed with a different body", async () => {
    const first = await invoke(sim, TENANT, exo, "Get-CASMailbox", { ResultSize: "Unlimited" }, { pageSize: 10 });
    const other = await invoke(sim, TENANT, exo, "Get-User", { ResultSize: "Unlimited" }, { url: first.body["@odata.nextLink"], pageSize: 10 });
    expect(other.status).toBe(400);
  });

  it("sends rate-limit headers and 401 with a Bearer challenge without a token", async () => {
    const ok = await invoke(sim, TENANT, exo, "Get-TransportConfig");
    expect(ok.headers["rate-limit-limit"]).toEqual(expect.any(String));
    expect(ok.headers["rate-limit-remaining"]).toEqual(expect.any(String));
    expect(ok.headers["rate-limit-reset"]).toEqual(expect.any(String));
    const anonymous = await invoke(sim, TENANT, "", "Get-TransportConfig");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toMatch(/^Bearer /);
  });

  it("answers 401 'User is not allowed to call' when the cmdlet is denied", async () => {
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { deniedPermissions: ["Set-CASMailbox"] } });
    const reply = await invoke(sim, TENANT, exo, "Set-CASMailbox", { Identity: "user000001@fabrikam.test", SmtpClientAuthenticationDisabled: false });
    await call(sim, "PATCH", `/_sim/tenants/${TENANT}`, { body: { deniedPermissions: [] } });
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toBe("User is not allowed to call Set-CASMailbox");
  });

  it("counts calls by operation", async () => {
    await call(sim, "DELETE", "/_sim/calls");
    await invoke(sim, TENANT, exo, "Get-TransportConfig");
    await invoke(sim, TENANT, exo, "Get-CASMailbox", { Identity: "nobody@fabrikam.test" });
    const calls = await call(sim, "GET", "/_sim/calls?log=1");
    expect(calls.body.total).toBe(2);
    expect(calls.body.byOperation).toEqual({ "InvokeCommand Get-TransportConfig": 1, "InvokeCommand Get-CASMailbox": 1 });
    expect(calls.body.log.map((e: { status: number }) => e.status)).toEqual([200, 400]);
  });
});
