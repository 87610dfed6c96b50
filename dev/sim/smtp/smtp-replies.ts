/** Host name the simulated SMTP server presents and appends to its replies. */
export const SMTP_SERVER_NAME = "SIM01.PROD.OUTLOOK.COM";

/** One SMTP reply: code and text (the text starts with the enhanced status code). */
export interface SmtpReply {
  code: number;
  message: string;
}

const suffix = ` [${SMTP_SERVER_NAME}]`;
const reply = (code: number, message: string): SmtpReply => ({ code, message: `${message}${suffix}` });

/** The replies of reference/m365.md §7 that the simulator produces. */
export const SMTP_REPLIES = {
  tenantDisabled: reply(535, "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information."),
  mailboxDisabled: reply(535, "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information."),
  securityDefaults: reply(535, "5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator."),
  criteriaNotMet: reply(535, "5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator."),
  basicAuthDisabled: reply(535, "5.7.139 Authentication unsuccessful, basic authentication is disabled."),
  wrongCredentials: reply(535, "5.7.139 Authentication unsuccessful, the user credentials were incorrect."),
  accountLocked: reply(535, "5.7.139 Authentication unsuccessful, account locked."),
  federatedStsUnreachable: reply(535, "5.7.139 Authentication unsuccessful, federated STS service was unreachable."),
  generic: reply(535, "5.7.3 Authentication unsuccessful"),
  basicAuthRetired: reply(550, "5.7.30 Basic authentication is not supported for Client Submission."),
  notAuthenticated: reply(530, "5.7.57 Client not authenticated to send mail."),
  senderNotPermitted: reply(550, "5.7.60 SMTP; Client does not have permissions to send as this sender"),
  badOutboundSender: reply(550, "5.1.8 Bad outbound sender"),
  // Office 365 names its host as "[Hostname=...]" in this one, not with the bare bracketed suffix.
  senderThreadLimit: { code: 432, message: `4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded [Hostname=${SMTP_SERVER_NAME}]` },
  // RejectDirectSend (techcommunity.microsoft.com/blog/exchange/introducing-more-control-over-direct-send-in-exchange-online/4408790).
  directSendRejected: reply(550, "5.7.68 TenantInboundAttribution; Direct Send not allowed for this organization from unauthorized sources"),
  // learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp
  relayDenied: reply(550, "5.7.64 TenantAttribution; Relay Access Denied SMTP"),
  tlsVersionUnsupported: reply(421, "4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2. Visit https://aka.ms/smtp_auth_tls."),
} as const;
