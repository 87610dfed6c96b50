import { DESCRIBED_SIGNATURES, SIGN_IN_CODE_SIGNATURES } from "./described-signatures";
import { GENERIC_FAILURE_PHRASES, LOCALIZED_SIGNATURES } from "./localized-signatures";
import { OAUTH_ERA_SIGNATURES } from "./oauth-era-signatures";
import type { CauseId } from "./types";

/**
 * How specific a signature is. Only the most specific tier found in a text counts, so Microsoft's
 * exact phrase beats the generic "Authentication unsuccessful" around it, which beats a wrapper's
 * own words (.NET, PHPMailer) that appear whatever the server said.
 */
export type SignatureTier = 1 | 2 | 3 | 4;

/** A recognisable piece of an error report and the causes it points to, with confidence 0..1. */
export interface ErrorSignature {
  tier: SignatureTier;
  /** Phrases compared case- and punctuation-blind; any one matching is enough. */
  phrases: string[];
  /** Enhanced status codes (x.y.z) that mean the same on their own. */
  codes?: string[];
  causes: Array<readonly [CauseId, number]>;
  /** Counts only when the text shows an OAuth (XOAUTH2) client, or only when it does not: the same reply means another cause then. */
  requires?: "oauth" | "not-oauth";
}

/** Every layer still possible after a generic "authentication unsuccessful", most frequent first. */
export const GENERIC_AUTH_FAILURE: Array<readonly [CauseId, number]> = [
  // Organisations created after January 2020 have SMTP AUTH off, so this is the usual culprit.
  ["smtp-auth-disabled-tenant", 0.45],
  ["smtp-auth-disabled-mailbox", 0.4],
  ["security-defaults-enabled", 0.4],
  ["per-user-mfa-enforced", 0.35],
  ["conditional-access-blocks-legacy-auth", 0.3],
  ["auth-policy-blocks-basic-smtp", 0.3],
  ["wrong-credentials", 0.3],
  ["basic-auth-retired", 0.2],
  ["account-locked", 0.15],
  ["account-disabled", 0.15],
  ["mailbox-unlicensed", 0.15],
  ["mailbox-not-found", 0.1],
];

/** Settings layers that can make a device's AUTH fail silently before it gets 5.7.57. */
const SILENT_AUTH_FAILURE: Array<readonly [CauseId, number]> = GENERIC_AUTH_FAILURE.slice(0, 6).map(
  ([id, confidence]) => [id, Math.round(confidence * 50) / 100] as const,
);

/** Microsoft 365's replies (reference/m365.md §7) and common client wrappers. */
const REPLY_SIGNATURES: ErrorSignature[] = [
  { tier: 1, phrases: ["SmtpClientAuthentication is disabled for the Tenant"], causes: [["smtp-auth-disabled-tenant", 0.95]] },
  { tier: 1, phrases: ["SmtpClientAuthentication is disabled for the Mailbox"], causes: [["smtp-auth-disabled-mailbox", 0.95]] },
  {
    tier: 2,
    phrases: ["SmtpClientAuthentication is disabled", "aka.ms/smtp_auth_disabled", "SMTP AUTH is disabled"],
    causes: [["smtp-auth-disabled-tenant", 0.62], ["smtp-auth-disabled-mailbox", 0.6]],
  },
  {
    tier: 1,
    phrases: ["locked by your organization's security defaults policy", "security defaults policy"],
    causes: [["security-defaults-enabled", 0.95]],
  },
  {
    tier: 1,
    phrases: ["did not meet the criteria to be authenticated successfully"],
    causes: [["conditional-access-blocks-legacy-auth", 0.85], ["per-user-mfa-enforced", 0.6]],
  },
  { tier: 1, phrases: ["AADSTS53003", "blocked by Conditional Access"], causes: [["conditional-access-blocks-legacy-auth", 0.9]] },
  {
    tier: 1,
    phrases: ["AADSTS50076", "you must use multi-factor authentication"],
    causes: [["per-user-mfa-enforced", 0.8], ["security-defaults-enabled", 0.5], ["conditional-access-blocks-legacy-auth", 0.4]],
  },
  {
    tier: 1,
    phrases: ["basic authentication is disabled"],
    causes: [["auth-policy-blocks-basic-smtp", 0.85], ["basic-auth-retired", 0.8]],
  },
  {
    tier: 1,
    phrases: ["Basic authentication is not supported for Client Submission"],
    codes: ["5.7.30"],
    causes: [["basic-auth-retired", 0.95]],
  },
  {
    tier: 1,
    phrases: ["the user credentials were incorrect", "AADSTS50126", "invalid username or password", "Username and Password not accepted"],
    causes: [["wrong-credentials", 0.95]],
  },
  { tier: 1, phrases: ["Authentication unsuccessful, account locked", "AADSTS50053", "account is locked"], causes: [["account-locked", 0.95]] },
  {
    tier: 1,
    phrases: ["AADSTS50057", "user account is disabled", "account has been disabled", "account is disabled"],
    causes: [["account-disabled", 0.9]],
  },
  { tier: 1, phrases: ["AADSTS50034", "user account does not exist"], causes: [["mailbox-not-found", 0.85]] },
  {
    tier: 1,
    phrases: ["mailbox is not licensed", "does not have a valid license", "no valid license", "unlicensed mailbox"],
    causes: [["mailbox-unlicensed", 0.8]],
  },
  { tier: 1, phrases: ["federated STS service was unreachable"], causes: [["federated-sts-unreachable", 0.95]] },
  {
    tier: 1,
    phrases: ["Client not authenticated to send mail", "Client was not authenticated to send anonymous mail"],
    codes: ["5.7.57"],
    causes: [["client-not-authenticated", 0.9], ...SILENT_AUTH_FAILURE],
  },
  { tier: 1, phrases: ["Must issue a STARTTLS command first"], causes: [["client-not-authenticated", 0.85]] },
  {
    tier: 1,
    phrases: ["TLS 1.0 and 1.1 are not supported", "do not possess a common algorithm"],
    codes: ["4.7.66"],
    causes: [["tls-version-unsupported", 0.95]],
  },
  {
    tier: 2,
    phrases: ["unsupported protocol", "tlsv1 alert protocol version"],
    causes: [["tls-version-unsupported", 0.6]],
  },
  // A handshake failure is an old protocol version or a cipher the service no longer accepts.
  { tier: 2, phrases: ["handshake failure"], causes: [["tls-version-unsupported", 0.6], ["tls-cipher-unsupported", 0.5]] },
  {
    tier: 1,
    phrases: [
      "Unrecognized authentication type",
      "SMTP AUTH extension not supported by server",
      "No authentication mechanisms supported by both server and client",
      "server does not support authentication",
    ],
    codes: ["5.7.4"],
    // AUTH before STARTTLS is the usual way to get here: a TLS mode problem as much as a mechanism one.
    causes: [["auth-mechanism-not-offered", 0.9], ["tls-mode-mismatch", 0.5]],
  },
  {
    tier: 1,
    phrases: ["Client does not have permissions to send as this sender", "SendAsDenied", "SendAsPermissionDenied"],
    codes: ["5.7.60"],
    causes: [["sender-not-permitted", 0.95]],
    requires: "not-oauth",
  },
  {
    tier: 1,
    phrases: ["Bad outbound sender", "WASCL UserAction verdict is not None", "restricted from sending"],
    codes: ["5.1.8"],
    causes: [["sender-restricted", 0.95]],
  },
  {
    tier: 1,
    phrases: ["sender thread limit exceeded", "concurrent connections limit exceeded"],
    causes: [["concurrent-connection-limit", 0.95]],
  },
  { tier: 2, phrases: [], codes: ["4.3.2"], causes: [["concurrent-connection-limit", 0.5]] },
  {
    tier: 3,
    phrases: GENERIC_FAILURE_PHRASES,
    codes: ["5.7.3", "5.7.139", "5.7.8"],
    causes: GENERIC_AUTH_FAILURE,
  },
  {
    tier: 4,
    phrases: ["requires a secure connection or the client was not authenticated"],
    causes: [["client-not-authenticated", 0.5], ...SILENT_AUTH_FAILURE],
  },
];

/** Every signature: replies, sign-in log extracts and reports that describe a setting. */
export const ERROR_SIGNATURES: ErrorSignature[] = [...REPLY_SIGNATURES, ...SIGN_IN_CODE_SIGNATURES, ...DESCRIBED_SIGNATURES, ...OAUTH_ERA_SIGNATURES, ...LOCALIZED_SIGNATURES];

/** Markers that the client authenticates with OAuth (modern auth), not a password. */
export const OAUTH_MARKERS = [
  /\bXOAUTH2\b/i,
  /\bOAuth\s?2(?:\.0)?\b/i,
  /\bSMTP\.Send(?:AsApp)?\b/i,
  /\b(?:access|refresh)[_ ]token\b/i,
  /\bclient[_ ](?:secret|credentials)\b/i,
  /\binvalid_grant\b/i,
  /\bAADSTS(?:7000215|7000222|700016|700082|700084)\b/,
  /\b(?:MSAL|ConfidentialClientApplication)\b/,
];
/** Markers that the client authenticates with a password (basic auth). */
export const BASIC_MARKERS = [/\bAUTH (?:LOGIN|PLAIN)\b/i, /\b334 (?:VXNlcm5hbWU6|UGFzc3dvcmQ6)/, /\bbasic auth(?:entication)?\b/i];
