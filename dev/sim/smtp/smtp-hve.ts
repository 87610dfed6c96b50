import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { signInRecord } from "../control/policy-input";
import { SMTP_REPLIES, SMTP_SERVER_NAME } from "./smtp-replies";
import { officeSmtpOptions } from "./smtp-tls-policy";
import type { SmtpReply } from "./smtp-replies";
import type { SmtpTls } from "./smtp-tls-policy";
import type { SimulatorState } from "../state/simulator-state";
import type { SimTenant } from "../state/sim-tenant";
import type { HveAccountRecord } from "../state/migration-records";

const replyError = (reply: SmtpReply): Error & { responseCode: number } => Object.assign(new Error(reply.message), { responseCode: reply.code });

/** The HVE account a user name signs in as, with its tenant. */
function hveAccountOf(state: SimulatorState, username: string): { tenant: SimTenant; account: HveAccountRecord } | undefined {
  const tenant = state.tenantOfUser(username);
  const account = tenant?.hveAccounts.get(username.toLowerCase());
  return tenant && account ? { tenant, account } : undefined;
}

/**
 * High Volume Email's endpoint (smtp.hve.mx.microsoft:587): STARTTLS, then AUTH with an HVE account's
 * address and password (learn.microsoft.com/exchange/mail-flow-best-practices/high-volume-mails-m365);
 * the account may send only as itself. Each AUTH is an `Authenticated SMTP` sign-in of the account.
 */
export function createHveSmtpServer(state: SimulatorState, tls: SmtpTls): SMTPServer {
  return new SMTPServer({
    ...officeSmtpOptions(tls),
    authMethods: ["LOGIN", "PLAIN"],
    authRequiredMessage: SMTP_REPLIES.notAuthenticated.message,
    onAuth(auth, session, callback) {
      const found = hveAccountOf(state, auth.username ?? "");
      const accepted = found !== undefined && auth.password === found.account.password;
      state.calls.record("SMTP HVE AUTH", accepted ? 235 : SMTP_REPLIES.wrongCredentials.code, found?.tenant.tenantId ?? null);
      if (found) {
        found.tenant.addSignIn(signInRecord({
          userPrincipalName: found.account.primarySmtpAddress, userId: found.account.externalDirectoryObjectId, userDisplayName: found.account.name,
          createdDateTime: new Date().toISOString(), errorCode: accepted ? 0 : 50126, clientAppUsed: "Authenticated SMTP",
          ipAddress: (session.remoteAddress ?? "").replace(/^::ffff:/i, "") || "0.0.0.0",
        }), state.faults.settings.signInLogDelayMs);
      }
      if (!accepted) return callback(replyError(SMTP_REPLIES.wrongCredentials));
      callback(null, { user: found.account.primarySmtpAddress });
    },
    onMailFrom(address, session, callback) {
      const user = String(session.user ?? "");
      callback(address.address.toLowerCase() === user ? null : replyError(SMTP_REPLIES.senderNotPermitted));
    },
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        state.calls.record("SMTP HVE DATA", 250, state.tenantOfUser(String(session.user ?? ""))?.tenantId ?? null);
        callback(null, `2.0.0 OK <${randomUUID()}@${SMTP_SERVER_NAME.toLowerCase()}> [Hostname=${SMTP_SERVER_NAME}]`);
      });
    },
  });
}
