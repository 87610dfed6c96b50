import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { decideBasicAuth, decideOAuth } from "./smtp-auth-decision";
import { decideMailFrom } from "./smtp-mail-from-decision";
import { SMTP_REPLIES, SMTP_SERVER_NAME } from "./smtp-replies";
import { officeSmtpOptions, replyForTlsProtocol } from "./smtp-tls-policy";
import { SenderThreadLimit } from "./sender-thread-limit";
import { signInRecord } from "../control/policy-input";
import type { SMTPServerAuthentication, SMTPServerSession } from "smtp-server";
import type { SmtpAuthDecision } from "./smtp-auth-decision";
import type { SmtpReply } from "./smtp-replies";
import type { SimulatorState } from "../state/simulator-state";

import type { SmtpTls } from "./smtp-tls-policy";

const replyError = (reply: SmtpReply): Error & { responseCode: number } => Object.assign(new Error(reply.message), { responseCode: reply.code });

/**
 * Office 365's client submission endpoint (smtp.office365.com:587): STARTTLS before AUTH (421
 * 4.7.66 below TLS 1.2), AUTH LOGIN/PLAIN/XOAUTH2 judged against the tenant's state, 530 5.7.57
 * for mail without AUTH, MAIL FROM judged on sender threads, restriction and the sender address.
 */
export function createSmtpSubmissionServer(state: SimulatorState, tls: SmtpTls): SMTPServer {
  const countUnauthenticatedMail = (): void => state.calls.record("SMTP without AUTH", SMTP_REPLIES.notAuthenticated.code, null);
  const senderThreads = new SenderThreadLimit();
  return new OfficeStyleSmtpServer(countUnauthenticatedMail, {
    ...officeSmtpOptions(tls),
    authMethods: ["LOGIN", "PLAIN", "XOAUTH2"],
    authRequiredMessage: SMTP_REPLIES.notAuthenticated.message,
    size: 35 * 1024 * 1024,
    onSecure(socket, session, callback) {
      const refusal = replyForTlsProtocol("getProtocol" in socket ? socket.getProtocol() : null);
      callback(refusal ? replyError(refusal) : null);
    },
    onAuth(auth, session, callback) {
      const decision = authenticate(state, auth, session.remoteAddress);
      if (!decision.accepted) return callback(replyError(decision.reply));
      const user = (auth.username ?? "").toLowerCase();
      senderThreads.acquire(session.id, user);
      callback(null, { user });
    },
    onMailFrom(address, session: SMTPServerSession, callback) {
      const user = typeof session.user === "string" ? session.user : "";
      const tenant = state.tenantOfUser(user);
      const refusal = decideMailFrom({
        sender: address.address,
        user,
        record: tenant?.mailboxes.find(user),
        hasSenderThread: senderThreads.acquire(session.id, user),
      });
      state.calls.record("SMTP MAIL FROM", refusal?.code ?? 250, tenant?.tenantId ?? null);
      callback(refusal ? replyError(refusal) : null);
    },
    onClose(session) {
      senderThreads.release(session.id);
    },
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        const tenant = state.tenantOfUser(String(session.user ?? ""));
        state.calls.record("SMTP DATA", 250, tenant?.tenantId ?? null);
        callback(null, `2.0.0 OK <${randomUUID()}@${SMTP_SERVER_NAME.toLowerCase()}> [Hostname=${SMTP_SERVER_NAME}]`);
      });
    },
  });
}

/**
 * smtp-server prints "235 Authentication successful" unless enhanced codes are switched on for
 * every reply (which would prefix our own 5.7.139 texts with a second code), so the success line
 * is rewritten to Office 365's "235 2.7.0 Authentication successful" on each new connection.
 * The 530 for MAIL/RCPT/DATA without AUTH is sent by smtp-server itself, so it is counted here
 * (once per refused command: a pipelining client gets up to three).
 */
class OfficeStyleSmtpServer extends SMTPServer {
  constructor(private readonly onNotAuthenticated: () => void, options: ConstructorParameters<typeof SMTPServer>[0]) {
    super(options);
  }

  override connect(...args: Parameters<SMTPServer["connect"]>): void {
    super.connect(...args);
    const connection = [...this.connections].pop();
    if (!connection) return;
    const send = connection.send.bind(connection);
    connection.send = (code, data, context) => {
      if (code === SMTP_REPLIES.notAuthenticated.code) this.onNotAuthenticated();
      send(code, code === 235 ? "2.7.0 Authentication successful" : data, context);
    };
  }
}

/** The client's address as Entra logs it: IPv4-mapped IPv6 shown as plain IPv4. */
const loggedAddress = (remote: string | undefined): string => (remote ?? "").replace(/^::ffff:/i, "") || "0.0.0.0";

function authenticate(state: SimulatorState, auth: SMTPServerAuthentication, remoteAddress: string | undefined): SmtpAuthDecision {
  const username = auth.username ?? "";
  const tenant = state.tenantOfUser(username);
  const record = tenant?.mailboxes.find(username);
  const exactRecord = record && record.userPrincipalName.toLowerCase() === username.toLowerCase() ? record : undefined;
  const decision = auth.method === "XOAUTH2"
    ? decideOAuth(state.tokenKey, tenant, exactRecord, auth.accessToken ?? "")
    : decideBasicAuth(tenant, exactRecord, auth.password ?? "");
  state.calls.record("SMTP AUTH", decision.accepted ? 235 : decision.reply.code, tenant?.tenantId ?? null);
  if (tenant && exactRecord && decision.signInErrorCode !== null) {
    tenant.addSignIn(signInRecord({
      userPrincipalName: exactRecord.userPrincipalName,
      userId: exactRecord.id,
      userDisplayName: exactRecord.displayName,
      createdDateTime: new Date().toISOString(),
      errorCode: decision.signInErrorCode,
      clientAppUsed: "Authenticated SMTP",
      ipAddress: loggedAddress(remoteAddress),
    }), state.faults.settings.signInLogDelayMs);
  }
  return decision;
}
