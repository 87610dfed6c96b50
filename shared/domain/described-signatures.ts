import type { ErrorSignature } from "./error-signatures";
import { MFA_REQUIRED_CODES, SIGN_IN_ERROR_CAUSES } from "./sign-in-error-codes";
import type { CauseId } from "./types";

/** Per-user MFA, security defaults or a CA grant requiring MFA all answer "MFA required". */
const MFA_REQUIRED: Array<readonly [CauseId, number]> = [["per-user-mfa-enforced", 0.8], ["security-defaults-enabled", 0.5], ["conditional-access-blocks-legacy-auth", 0.4]];

/**
 * Sign-in log extracts: the portal's "Sign-in error code: 50126", Graph's `"errorCode": 50126`,
 * PowerShell's `ErrorCode : 50126` and the token endpoint's "AADSTS50126" all name an Entra error code.
 * Compared letters-and-digits only, "error code 50126" matches each of those forms.
 */
export const SIGN_IN_CODE_SIGNATURES: ErrorSignature[] = Object.entries(SIGN_IN_ERROR_CAUSES).map(([code, cause]) => ({
  tier: 1,
  phrases: [`AADSTS${code}`, `error code ${code}`],
  causes: MFA_REQUIRED_CODES.has(Number(code)) ? MFA_REQUIRED : [[cause, 0.9]],
}));

/**
 * Reports that describe a setting instead of quoting a reply ("added to the MFA rollout", "the AD FS
 * farm is down"), and the wording of replies after basic auth was switched off for the organisation.
 */
export const DESCRIBED_SIGNATURES: ErrorSignature[] = [
  {
    tier: 1,
    phrases: ["MFA rollout", "enforced MFA", "MFA was enforced", "MFA is enforced", "MFA was enabled for", "enabled MFA for", "per-user MFA was", "multi-factor authentication was turned on", "turned on MFA", "turned MFA on"],
    causes: [["per-user-mfa-enforced", 0.8], ["security-defaults-enabled", 0.3], ["conditional-access-blocks-legacy-auth", 0.3]],
  },
  {
    tier: 1,
    phrases: ["AD FS farm is down", "ADFS farm is down", "AD FS is down", "ADFS is down", "AD FS server is down", "AD FS servers are down", "ADFS server is down", "ADFS servers are down", "AD FS is unreachable", "ADFS is unreachable", "federation server is down", "federation service is down"],
    causes: [["federated-sts-unreachable", 0.85]],
  },
  {
    tier: 1,
    phrases: ["turned on security defaults", "enabled security defaults", "switched on security defaults", "security defaults were turned on", "security defaults were enabled", "security defaults are enabled", "security defaults is enabled", "security defaults got enabled"],
    causes: [["security-defaults-enabled", 0.85]],
  },
  {
    tier: 1,
    phrases: ["block legacy authentication", "blocks legacy authentication", "blocking legacy authentication", "block legacy auth policy"],
    causes: [["conditional-access-blocks-legacy-auth", 0.8]],
  },
  {
    tier: 1,
    phrases: ["Authenticated SMTP is unticked", "Authenticated SMTP is unchecked", "Authenticated SMTP is not ticked", "Authenticated SMTP is not checked", "Authenticated SMTP is turned off", "Authenticated SMTP is off", "unticked Authenticated SMTP", "unchecked Authenticated SMTP", "Set-CASMailbox -SmtpClientAuthenticationDisabled $true"],
    causes: [["smtp-auth-disabled-mailbox", 0.85]],
  },
  {
    tier: 1,
    phrases: ["Set-TransportConfig -SmtpClientAuthenticationDisabled $true", "Turn off SMTP AUTH protocol for your organization is checked", "Turn off SMTP AUTH protocol for your organization is ticked"],
    causes: [["smtp-auth-disabled-tenant", 0.85]],
  },
  { tier: 1, phrases: ["got locked out", "was locked out", "is locked out", "account locked out"], causes: [["account-locked", 0.85]] },
  {
    tier: 1,
    phrases: ["password expired", "password has expired", "password was changed", "password was reset", "changed the password", "reset the password", "AADSTS50055"],
    causes: [["wrong-credentials", 0.8]],
  },
  {
    tier: 1,
    phrases: ["removed the Exchange Online licence", "removed the Exchange Online license", "licence was removed", "license was removed", "removed the licence", "removed the license"],
    causes: [["mailbox-unlicensed", 0.8]],
  },
  {
    tier: 1,
    phrases: ["blocked from signing in", "blocked from sign-in", "Block sign-in is on", "Block sign-in was turned on", "Block sign-in is turned on", "to Block sign-in"],
    causes: [["account-disabled", 0.8]],
  },
  {
    tier: 1,
    phrases: [
      "basic authentication is disabled for the organization",
      "basic authentication is disabled for your organization",
      "basic authentication is disabled for the organisation",
      "basic authentication has been disabled for",
      "basic authentication is turned off for",
      "basic auth is disabled for your organization",
    ],
    causes: [["basic-auth-retired", 0.9], ["auth-policy-blocks-basic-smtp", 0.6]],
  },
  { tier: 2, phrases: ["No appropriate protocol"], causes: [["tls-version-unsupported", 0.6]] },
];
