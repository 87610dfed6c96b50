import { readFileSync } from "node:fs";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalStack, waitForTerminal, type LocalStack } from "../../dev/local-stack";

/** The device: a real SMTP client signing in with basic auth against the simulator's submission port. */
async function deviceSignsIn(stack: LocalStack, user: string, pass: string): Promise<string> {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: stack.sim.smtpPort, secure: false, requireTLS: true, tls: { ca: readFileSync(stack.sim.caCertPath) }, auth: { user, pass } });
  try {
    await transport.verify();
    return "235";
  } catch (error) {
    return String((error as { response?: string }).response);
  } finally {
    transport.close();
  }
}

/** Polls the request until its verification leaves `from`, or fails the test. */
async function verificationAfter(stack: LocalStack, id: string, from: string, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await stack.api(`/api/remediations/${id}`);
    if (res.body.verification && res.body.verification.status !== from) return res.body.verification;
    if (Date.now() > deadline) throw new Error(`verification stayed ${from}: ${JSON.stringify(res.body.verification)}\n${stack.host.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("verification: the device's next SMTP AUTH sign-in judges the fix", () => {
  let stack: LocalStack;
  const PASSWORD = "Scanner-Pa55!";
  beforeAll(async () => {
    // One check a second, and Entra's log lagging 1.5 s behind the sign-in.
    stack = await startLocalStack({ settings: { VERIFY_POLL_SECONDS: "1", VERIFY_SCHEDULE: "* * * * * *", VERIFY_WINDOW_HOURS: "24" } });
    await stack.simApi("/_sim/faults", { method: "PUT", body: { signInLogDelayMs: 1_500 } });
    for (const [tenantId, domain, signInLogs] of [["verify-p1", "p1.example", true], ["verify-nop1", "nop1.example", false]] as const) {
      await stack.simApi("/_sim/tenants", { method: "POST", body: { tenantId, domain, securityDefaults: false, orgSmtpAuthDisabled: true, signInLogs } });
      // Every mailbox here is a device: the tenant names them, so their fixes may run alone.
      await stack.api(`/api/tenants/${tenantId}`, { method: "PUT", body: { domains: [domain], policy: { deviceAccounts: [`*@${domain}`] } } });
    }
  }, 90_000);
  afterAll(async () => stack?.stop());

  async function fix(upn: string): Promise<string> {
    const tenantId = upn.endsWith("@p1.example") ? "verify-p1" : "verify-nop1";
    await stack.simApi(`/_sim/tenants/${tenantId}/mailboxes/${upn}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: true, password: PASSWORD, licensed: true } });
    expect(await deviceSignsIn(stack, upn, PASSWORD)).toMatch(/^535 5\.7\.139 .*disabled for the Mailbox/);
    const created = await stack.api("/api/remediations", { method: "POST", body: { mailbox: upn, errorText: "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox." } });
    if (tenantId === "verify-nop1") {
      // Without a sign-in log nobody can tell a device from a person: a second person approves.
      expect((await waitForTerminal(stack, created.body.id)).reasonCode.parts).toContainEqual({ code: "sign-ins-unknown", params: { mailbox: upn } });
      const approver = await stack.signIn({ upn: "approver@msp.example", roles: ["Remediation.Approve"] });
      expect((await approver.api(`/api/remediations/${created.body.id}/approve`, { method: "POST", body: {} })).status).toBe(200);
    }
    const done = await waitForTerminal(stack, created.body.id);
    expect(done.status).toBe("succeeded");
    expect(done.verification).toMatchObject({ status: "waiting", checkedAt: expect.any(String) });
    return created.body.id;
  }

  it("turns a fixed mailbox from waiting to confirmed with the time of the device's successful sign-in", async () => {
    const id = await fix("scanner@p1.example");
    const before = Date.now();
    expect(await deviceSignsIn(stack, "scanner@p1.example", PASSWORD)).toBe("235");
    const v = await verificationAfter(stack, id, "waiting");
    expect(v).toMatchObject({ status: "confirmed", signIn: { ipAddress: "127.0.0.1" } });
    expect(v.signIn.errorCode).toBeUndefined();
    expect(Math.abs(Date.parse(v.signIn.at) - before)).toBeLessThan(1_500);
    const trail = await stack.api(`/api/remediations/${id}/events`);
    expect(trail.body.events.filter((e: any) => e.kind === "verification-changed").map((e: any) => [e.before, e.after])).toEqual([["waiting", "confirmed"]]);
  });

  it("turns it failing with wrong-credentials when the device then signs in with a wrong password", async () => {
    const id = await fix("printer@p1.example");
    expect(await deviceSignsIn(stack, "printer@p1.example", "an-old-password")).toMatch(/^535 5\.7\.139 .*credentials were incorrect/);
    const v = await verificationAfter(stack, id, "waiting");
    expect(v).toMatchObject({ status: "failing", cause: "wrong-credentials", signIn: { errorCode: 50126, ipAddress: "127.0.0.1" } });
  });

  it("says unavailable for a tenant without sign-in logs instead of waiting forever", async () => {
    const id = await fix("copier@nop1.example");
    const v = await verificationAfter(stack, id, "waiting");
    expect(v).toMatchObject({ status: "unavailable", reason: expect.stringContaining("Entra ID P1") });
  });

  it("lets the user's failed SMTP sign-ins decide when the request has no error text, or one that fits several causes", async () => {
    const upn = "plotter@p1.example";
    await stack.simApi(`/_sim/tenants/verify-p1/mailboxes/${upn}`, { method: "PUT", body: { smtpClientAuthenticationDisabled: false, password: PASSWORD, licensed: true } });
    expect(await deviceSignsIn(stack, upn, "typo-password")).toMatch(/credentials were incorrect/);
    await new Promise((r) => setTimeout(r, 1_700)); // the log's lag (signInLogDelayMs)
    const bare = await stack.api("/api/diagnose", { method: "POST", body: { mailbox: upn } });
    expect(bare.body.causes[0]).toMatchObject({ id: "wrong-credentials", verdict: "possible" });
    expect(bare.body.causes[0].evidence.join(" ")).toMatch(/sign-in log: .* from 127\.0\.0\.1 failed with error 50126/);
    await stack.simApi("/_sim/tenants/verify-p1/sign-ins", { method: "POST", body: { userPrincipalName: upn, errorCode: 50053, ipAddress: "203.0.113.50" } });
    const generic = await stack.api("/api/diagnose", { method: "POST", body: { mailbox: upn, errorText: "535 5.7.3 Authentication unsuccessful" } });
    expect(generic.body.causes.find((c: any) => c.verdict !== "ruled-out").id).toBe("account-locked");
  });

  it("reads each tenant's log once per check, not once per request", async () => {
    await fix("fax@p1.example");
    await stack.simApi("/_sim/calls", { method: "DELETE" });
    await new Promise((r) => setTimeout(r, 3_500));
    const calls = await stack.simApi("/_sim/calls?log=1&tenantId=verify-p1");
    const reads = (calls.body.log as Array<{ operation: string }>).filter((c) => c.operation.includes("auditLogs/signIns"));
    // printer@ (failing) and fax@ (waiting) are both open in verify-p1: still one read a second at most.
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.length).toBeLessThanOrEqual(4);
  });
});
