import { randomUUID } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { SMTP_REPLIES, SMTP_SERVER_NAME } from "./smtp-replies";
import { officeSmtpOptions } from "./smtp-tls-policy";
import type { SmtpReply } from "./smtp-replies";
import type { SmtpTls } from "./smtp-tls-policy";
import type { SimulatorState } from "../state/simulator-state";
import type { SimTenant } from "../state/sim-tenant";

const replyError = (reply: SmtpReply): Error & { responseCode: number } => Object.assign(new Error(reply.message), { responseCode: reply.code });

/** The session's client address, IPv4-mapped IPv6 as plain IPv4. */
const clientIp = (remote: string | undefined): string => (remote ?? "").replace(/^::ffff:/i, "");

/** The tenant of the sender's domain, when one of its enabled inbound connectors lists the client's address. */
function connectorTenant(state: SimulatorState, sender: string, ip: string): SimTenant | undefined {
  const tenant = state.tenant(sender.split("@")[1] ?? "");
  const matches = tenant && [...tenant.inboundConnectors.values()].some((c) => c.enabled && c.senderIpAddresses.includes(ip));
  return matches ? tenant : undefined;
}

/**
 * A tenant's MX endpoint (contoso-com.mail.protection.outlook.com:25), anonymous: mail from an address
 * an enabled inbound connector lists is the organisation's own and may relay anywhere; any other is
 * Direct Send, to the organisation's own recipients only (550 5.7.64 otherwise), and refused with
 * 550 5.7.68 when the recipient's tenant has RejectDirectSend and the sender is in its accepted domain
 * (learn.microsoft.com/powershell/module/exchangepowershell/set-organizationconfig, RejectDirectSend).
 */
export function createInboundSmtpServer(state: SimulatorState, tls: SmtpTls): SMTPServer {
  const relayTenants = new Map<string, SimTenant | undefined>();
  return new SMTPServer({
    ...officeSmtpOptions(tls),
    authOptional: true,
    disabledCommands: ["AUTH"],
    onMailFrom(address, session, callback) {
      relayTenants.set(session.id, connectorTenant(state, address.address, clientIp(session.remoteAddress)));
      callback();
    },
    onRcptTo(address, session, callback) {
      const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
      const relay = relayTenants.get(session.id);
      const recipientTenant = state.tenantOfUser(address.address);
      let refusal: SmtpReply | undefined;
      if (!relay && !recipientTenant) refusal = SMTP_REPLIES.relayDenied;
      else if (!relay && recipientTenant?.flags.rejectDirectSend && (sender.split("@")[1] ?? "").toLowerCase() === recipientTenant.domain.toLowerCase()) refusal = SMTP_REPLIES.directSendRejected;
      state.calls.record(relay ? "SMTP relay RCPT" : "SMTP direct send RCPT", refusal?.code ?? 250, (relay ?? recipientTenant)?.tenantId ?? null);
      callback(refusal ? replyError(refusal) : null);
    },
    onData(stream, session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const received = new Date().toISOString();
        for (const rcpt of session.envelope.rcptTo) {
          const tenant = relayTenants.get(session.id) ?? state.tenantOfUser(rcpt.address);
          tenant?.addMessageTrace({ messageTraceId: randomUUID(), received, senderAddress: sender, recipientAddress: rcpt.address, fromIp: clientIp(session.remoteAddress), status: "Delivered" });
        }
        callback(null, `2.6.0 <${randomUUID()}@${SMTP_SERVER_NAME.toLowerCase()}> [InternalId=${Date.now()}] Queued mail for delivery`);
      });
    },
    onClose(session) {
      relayTenants.delete(session.id);
    },
  });
}
