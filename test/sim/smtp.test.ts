import { readFileSync } from "node:fs";
import { connect } from "node:net";
import nodemailer from "nodemailer";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EXCHANGE_SCOPE, call, startTestSimulator, token } from "./support/sim-client";
import type { RunningSimulator } from "../../dev/sim/start-simulator";

let sim: RunningSimulator;
let ca: Buffer;
const OPEN = "44444444-0000-0000-0000-000000000001";

function transport(user: string, pass?: string) {
  return nodemailer.createTransport({
    host: "127.0.0.1", port: sim.smtpPort, secure: false, requireTLS: true, tls: { ca },
    ...(pass === undefined ? {} : { auth: { user, pass } }),
  });
}

async function replyFor(user: string, pass = "sim-password"): Promise<string> {
  try {
    await transport(user, pass).verify();
    return "235";
  } catch (error) {
    return String((error as { response?: string }).response);
  }
}

async function tenant(tenantId: string, domain: string, flags: Record<string, unknown>): Promise<void> {
  await call(sim, "POST", "/_sim/tenants", { body: { tenantId, domain, mailboxes: 3, securityDefaults: false, orgSmtpAuthDisabled: false, ...flags } });
}

const mailbox = (upn: string, body: Record<string, unknown>) => call(sim, "PUT", `/_sim/tenants/${upn.split("@")[1]}/mailboxes/${upn}`, { body });

/** An SMTP session held open after AUTH, for the per-mailbox connection limit. */
async function openSession(user: string): Promise<SMTPConnection> {
  const connection = new SMTPConnection({ host: "127.0.0.1", port: sim.smtpPort, secure: false, requireTLS: true, tls: { ca } });
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  await new Promise<void>((resolve, reject) => connection.login({ user, pass: "sim-password" }, (error) => (error ? reject(error) : resolve())));
  return connection;
}

/** The reply to one message sent on a held session: the 250 line, or the refusal. */
function sendOn(connection: SMTPConnection, from: string): Promise<string> {
  return new Promise((resolve) => connection.send({ from, to: ["a@example.com"] }, "Subject: x\r\n\r\nx", (error, info) => resolve(error ? String(error.response) : info.response)));
}

function quit(connection: SMTPConnection): Promise<void> {
  return new Promise((resolve) => {
    connection.once("end", resolve);
    connection.quit();
  });
}

beforeAll(async () => {
  sim = await startTestSimulator();
  ca = readFileSync(sim.caCertPath);
  await tenant(OPEN, "open.test", {});
});
afterAll(async () => sim.close());

describe("SMTP submission replies (reference/m365.md §7)", () => {
  it("accepts AUTH and the message when every layer is right", async () => {
    expect(await replyFor("user000001@open.test")).toBe("235");
    const info = await transport("user000001@open.test", "sim-password").sendMail({ from: "user000001@open.test", to: "someone@example.com", subject: "hi", text: "hello" });
    expect(info.response).toMatch(/^250 2\.0\.0 OK/);
  });

  it("greets a successful AUTH with 235 2.7.0 like Office 365", async () => {
    const transcript: string[] = [];
    const logger = { info: (...a: unknown[]) => transcript.push(a.map(String).join(" ")), debug: (...a: unknown[]) => transcript.push(a.map(String).join(" ")), error: () => undefined, warn: () => undefined, trace: () => undefined, fatal: () => undefined, level: () => undefined };
    await nodemailer.createTransport({ host: "127.0.0.1", port: sim.smtpPort, secure: false, requireTLS: true, tls: { ca }, auth: { user: "user000001@open.test", pass: "sim-password" }, logger, debug: true }).verify();
    expect(transcript.join("\n")).toMatch(/235 2\.7\.0 Authentication successful/);
  });

  it("answers 530 5.7.57 to MAIL FROM without AUTH, and counts it", async () => {
    await call(sim, "DELETE", "/_sim/calls");
    const error = await transport("x").sendMail({ from: "user000001@open.test", to: "a@example.com", text: "x" }).catch((e: { response: string }) => e);
    expect((error as { response: string }).response).toMatch(/^530 5\.7\.57 Client not authenticated to send mail\./);
    expect((await call(sim, "GET", "/_sim/calls")).body.byOperation["SMTP without AUTH"]).toBeGreaterThanOrEqual(1);
  });

  it("refuses AUTH before STARTTLS", async () => {
    const transcript = await new Promise<string>((resolve, reject) => {
      const socket = connect(sim.smtpPort, "127.0.0.1");
      let data = "";
      let authSent = false;
      socket.on("data", (chunk) => {
        data += chunk.toString();
        if (data.includes("250 ") && !authSent) {
          authSent = true;
          socket.write("AUTH LOGIN\r\n");
        }
        if (/\r\n5\d\d [^\r]*\r\n$/.test(data)) { socket.end(); resolve(data); }
      });
      socket.on("error", reject);
      socket.once("data", () => socket.write("EHLO client.test\r\n"));
    });
    expect(transcript).toMatch(/Must issue a STARTTLS command first/);
  });

  it("names the mailbox when its own flag turns SMTP AUTH off", async () => {
    await mailbox("user000002@open.test", { smtpClientAuthenticationDisabled: true });
    expect(await replyFor("user000002@open.test")).toMatch(/^535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox\./);
  });

  it("names the tenant when the mailbox follows a disabled organisation flag", async () => {
    await tenant("44444444-0000-0000-0000-000000000002", "orgoff.test", { orgSmtpAuthDisabled: true });
    expect(await replyFor("user000001@orgoff.test")).toMatch(/^535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant\./);
    await mailbox("user000002@orgoff.test", { smtpClientAuthenticationDisabled: false });
    expect(await replyFor("user000002@orgoff.test")).toBe("235");
  });

  it("blames security defaults when they are on", async () => {
    await tenant("44444444-0000-0000-0000-000000000003", "secdef.test", { securityDefaults: true });
    expect(await replyFor("user000001@secdef.test")).toMatch(/^535 5\.7\.139 Authentication unsuccessful, user is locked by your organization's security defaults policy\./);
  });

  it("does not meet the criteria with per-user MFA enforced, or under a blocking CA policy", async () => {
    await mailbox("mfa@open.test", { perUserMfaState: "enforced" });
    expect(await replyFor("mfa@open.test")).toMatch(/^535 5\.7\.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully\./);
    await mailbox("mfa@open.test", { perUserMfaState: "enabled" });
    expect(await replyFor("mfa@open.test")).toBe("235");
    const ca1 = await mailbox("ca@open.test", {});
    await call(sim, "PUT", `/_sim/tenants/${OPEN}/conditional-access/legacy`, { body: { state: "enabled", conditions: { clientAppTypes: ["other"], users: { includeUsers: [ca1.body.id] } }, grantControls: { builtInControls: ["block"] } } });
    expect(await replyFor("ca@open.test")).toMatch(/did not meet the criteria/);
    await call(sim, "PUT", `/_sim/tenants/${OPEN}/conditional-access/legacy`, { body: { state: "enabledForReportingButNotEnforced", conditions: { clientAppTypes: ["other"], users: { includeUsers: [ca1.body.id] } }, grantControls: { builtInControls: ["block"] } } });
    expect(await replyFor("ca@open.test")).toBe("235");
  });

  it("says basic authentication is disabled under an authentication policy without SMTP", async () => {
    await call(sim, "PUT", `/_sim/tenants/${OPEN}/authentication-policies/NoBasic`, { body: { allowBasicAuthSmtp: false } });
    await mailbox("policy@open.test", { authenticationPolicy: "NoBasic" });
    expect(await replyFor("policy@open.test")).toMatch(/^535 5\.7\.139 Authentication unsuccessful, basic authentication is disabled\./);
  });

  it("answers 550 5.7.30 once basic auth is retired", async () => {
    await tenant("44444444-0000-0000-0000-000000000004", "retired.test", { basicAuthRetired: true });
    expect(await replyFor("user000001@retired.test")).toMatch(/^550 5\.7\.30 Basic authentication is not supported for Client Submission\./);
  });

  it("checks credentials first: wrong password, unknown user, locked and disabled accounts", async () => {
    await tenant("44444444-0000-0000-0000-000000000005", "strict.test", { securityDefaults: true, orgSmtpAuthDisabled: true });
    expect(await replyFor("user000001@strict.test", "wrong")).toMatch(/^535 5\.7\.139 Authentication unsuccessful, the user credentials were incorrect\./);
    expect(await replyFor("nobody@strict.test")).toMatch(/the user credentials were incorrect/);
    await mailbox("user000002@strict.test", { locked: true });
    expect(await replyFor("user000002@strict.test")).toMatch(/^535 5\.7\.139 Authentication unsuccessful, account locked\./);
    await mailbox("user000003@strict.test", { accountEnabled: false });
    expect(await replyFor("user000003@strict.test")).toMatch(/^535 5\.7\.3 Authentication unsuccessful/);
  });

  it("refuses to send as another sender with 550 5.7.60", async () => {
    const error = await transport("user000001@open.test", "sim-password").sendMail({ from: "user000003@open.test", to: "a@example.com", text: "x" }).catch((e: { response: string }) => e);
    expect((error as { response: string }).response).toMatch(/^550 5\.7\.60 SMTP; Client does not have permissions to send as this sender/);
  });

  /** An app's consent must hold SMTP.SendAsApp before Exchange takes its token for SMTP. */
  async function grantSmtpSendAsApp(): Promise<void> {
    const granted: string[] = (await call(sim, "GET", `/_sim/tenants/${OPEN}`)).body.grantedPermissions;
    if (!granted.includes("SMTP.SendAsApp")) await call(sim, "PATCH", `/_sim/tenants/${OPEN}`, { body: { grantedPermissions: [...granted, "SMTP.SendAsApp"] } });
  }

  it("accepts XOAUTH2 only from an app registered in Exchange with FullAccess on that mailbox, and refuses a Graph token", async () => {
    const ungranted = await token(sim, OPEN, EXCHANGE_SCOPE);
    await grantSmtpSendAsApp();
    const exo = await token(sim, OPEN, EXCHANGE_SCOPE);
    const oauth = (accessToken: string, user = "user000001@open.test") => nodemailer.createTransport({ host: "127.0.0.1", port: sim.smtpPort, secure: false, requireTLS: true, tls: { ca }, auth: { type: "OAuth2", user, accessToken } });
    const refused = async (accessToken: string, user?: string) => ((await oauth(accessToken, user).verify().catch((e: { response: string }) => e)) as { response: string }).response;
    expect(await refused(exo)).toMatch(/^535 5\.7\.3 Authentication unsuccessful/);
    await call(sim, "PUT", `/_sim/tenants/${OPEN}/exchange-service-principals/sim-client`, { body: { mailboxes: ["user000001@open.test"] } });
    expect(await refused(ungranted)).toMatch(/^535 5\.7\.3 Authentication unsuccessful/);
    await expect(oauth(exo).verify()).resolves.toBe(true);
    expect(await refused(exo, "user000002@open.test")).toMatch(/^535 5\.7\.3 Authentication unsuccessful/);
    const graph = await token(sim, OPEN, "https://graph.microsoft.com/.default");
    expect(await refused(graph)).toMatch(/^535 5\.7\.3 Authentication unsuccessful/);
  });

  it("counts SMTP AUTH calls and records sign-ins", async () => {
    await call(sim, "DELETE", "/_sim/calls");
    await replyFor("user000001@open.test", "wrong");
    expect((await call(sim, "GET", "/_sim/calls")).body.byOperation["SMTP AUTH"]).toBe(1);
    const signIns = (await call(sim, "GET", `/_sim/tenants/${OPEN}/sign-ins`)).body.value;
    expect(signIns.at(-1)).toMatchObject({ userPrincipalName: "user000001@open.test", clientAppUsed: "Authenticated SMTP", status: { errorCode: 50126 } });
  });

  it("logs basic-auth AUTH as an Authenticated SMTP sign-in with the client's address, and XOAUTH2 as none", async () => {
    const upn = "logged@open.test";
    await mailbox(upn, { smtpClientAuthenticationDisabled: false, password: "sim-password" });
    const graph = await token(sim, OPEN, "https://graph.microsoft.com/.default");
    const logged = async () => (await call(sim, "GET", `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`userPrincipalName eq '${upn}'`)}`, { token: graph })).body.value;
    const before = (await logged()).length;
    expect(await replyFor(upn)).toBe("235");
    await grantSmtpSendAsApp();
    const exo = await token(sim, OPEN, EXCHANGE_SCOPE);
    await call(sim, "PUT", `/_sim/tenants/${OPEN}/exchange-service-principals/sim-client`, { body: { mailboxes: [upn] } });
    await nodemailer.createTransport({ host: "127.0.0.1", port: sim.smtpPort, secure: false, requireTLS: true, tls: { ca }, auth: { type: "OAuth2", user: upn, accessToken: exo } }).verify();
    const after = await logged();
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({ clientAppUsed: "Authenticated SMTP", ipAddress: "127.0.0.1", status: { errorCode: 0 } });
  });

  it("keeps a sign-in out of Graph's log for signInLogDelayMs, then shows it with the time it happened", async () => {
    const upn = "lagged@open.test";
    await mailbox(upn, { smtpClientAuthenticationDisabled: false, password: "sim-password" });
    const graph = await token(sim, OPEN, "https://graph.microsoft.com/.default");
    const logged = async () => (await call(sim, "GET", `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`userPrincipalName eq '${upn}'`)}`, { token: graph })).body.value;
    await call(sim, "PUT", "/_sim/faults", { body: { signInLogDelayMs: 400 } });
    try {
      const attemptedAt = Date.now();
      expect(await replyFor(upn, "wrong")).toMatch(/^535 5\.7\.139/);
      expect(await logged()).toEqual([]);
      await new Promise((r) => setTimeout(r, 500));
      const [entry] = await logged();
      expect(entry).toMatchObject({ status: { errorCode: 50126 } });
      expect(Math.abs(Date.parse(entry.createdDateTime) - attemptedAt)).toBeLessThan(400);
    } finally {
      await call(sim, "PUT", "/_sim/faults", { body: {} });
    }
  });

  it("answers a tenant without Entra ID P1 with the real 403", async () => {
    const bare = "44444444-0000-0000-0000-000000000009";
    await tenant(bare, "nop1.test", { signInLogs: false });
    const graph = await token(sim, bare, "https://graph.microsoft.com/.default");
    const reply = await call(sim, "GET", "/v1.0/auditLogs/signIns", { token: graph });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("Authentication_RequestFromNonPremiumTenantOrB2CTenant");
  });

  it("blames the federated STS for every user of a tenant whose identity provider is down, before the password", async () => {
    const federated = "44444444-0000-0000-0000-000000000006";
    await tenant(federated, "federated.test", {});
    expect(await replyFor("user000001@federated.test")).toBe("235");
    await call(sim, "PATCH", `/_sim/tenants/${federated}`, { body: { federatedStsUnreachable: true } });
    const unreachable = /^535 5\.7\.139 Authentication unsuccessful, federated STS service was unreachable\./;
    expect(await replyFor("user000001@federated.test")).toMatch(unreachable);
    expect(await replyFor("user000002@federated.test", "wrong")).toMatch(unreachable);
    expect(await replyFor("nobody@federated.test")).toMatch(/the user credentials were incorrect/);
  });

  it("accepts AUTH of a mailbox restricted from sending but refuses its MAIL FROM with 550 5.1.8", async () => {
    await mailbox("spammer@open.test", { restrictedSender: true });
    expect(await replyFor("spammer@open.test")).toBe("235");
    const send = () => transport("spammer@open.test", "sim-password").sendMail({ from: "spammer@open.test", to: "a@example.com", text: "x" });
    const error = await send().catch((e: { response: string }) => e);
    expect((error as { response: string }).response).toMatch(/^550 5\.1\.8 Bad outbound sender/);
    await mailbox("spammer@open.test", { restrictedSender: false });
    expect((await send()).response).toMatch(/^250 2\.0\.0 OK/);
  });

  it("answers 432 4.3.2 at MAIL FROM to a fourth session of a mailbox while three are open", async () => {
    const held = await Promise.all([1, 2, 3].map(() => openSession("user000003@open.test")));
    const fourth = await openSession("user000003@open.test");
    try {
      expect(await sendOn(fourth, "user000003@open.test")).toMatch(/^432 4\.3\.2 STOREDRV\.ClientSubmit; sender thread limit exceeded \[Hostname=SIM01\.PROD\.OUTLOOK\.COM\]/);
      expect(await sendOn(held[0]!, "user000003@open.test")).toMatch(/^250 2\.0\.0 OK/);
      expect(await replyFor("user000001@open.test")).toBe("235");
      await quit(held[1]!);
      await vi.waitFor(async () => expect(await sendOn(fourth, "user000003@open.test")).toMatch(/^250 2\.0\.0 OK/));
    } finally {
      await Promise.all([held[0]!, held[2]!, fourth].map(quit));
    }
  });

  it.each(["TLSv1", "TLSv1.1"] as const)("answers 421 4.7.66 and hangs up when STARTTLS negotiates %s", async (version) => {
    const old = nodemailer.createTransport({
      host: "127.0.0.1", port: sim.smtpPort, secure: false, requireTLS: true,
      tls: { ca, minVersion: "TLSv1", maxVersion: version, ciphers: "DEFAULT@SECLEVEL=0" },
      auth: { user: "user000001@open.test", pass: "sim-password" },
    });
    const error = await old.verify().catch((e: { response: string }) => e);
    expect((error as { response: string }).response).toMatch(/^421 4\.7\.66 TLS 1\.0 and 1\.1 are not supported\. Please upgrade\/update your client to support TLS 1\.2\. Visit https:\/\/aka\.ms\/smtp_auth_tls\./);
  });

  it("keeps serving a client that negotiates TLS 1.2 exactly", async () => {
    const modern = nodemailer.createTransport({ host: "127.0.0.1", port: sim.smtpPort, secure: false, requireTLS: true, tls: { ca, maxVersion: "TLSv1.2" }, auth: { user: "user000001@open.test", pass: "sim-password" } });
    await expect(modern.verify()).resolves.toBe(true);
  });
});
