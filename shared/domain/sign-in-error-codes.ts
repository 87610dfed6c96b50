import type { CauseId } from "./types";

/**
 * Entra sign-in error codes (AADSTS<n>) that a basic-auth SMTP sign-in fails with, and the cause each
 * one means. From Microsoft's AADSTS error code reference and reference/m365.md §5 and §9.
 */
export const SIGN_IN_ERROR_CAUSES: Readonly<Record<number, CauseId>> = {
  50126: "wrong-credentials",
  50055: "wrong-credentials",
  50056: "wrong-credentials",
  50053: "account-locked",
  50057: "account-disabled",
  50034: "mailbox-not-found",
  50076: "per-user-mfa-enforced",
  50079: "per-user-mfa-enforced",
  50074: "per-user-mfa-enforced",
  53003: "conditional-access-blocks-legacy-auth",
  50158: "conditional-access-blocks-legacy-auth",
  81010: "federated-sts-unreachable",
  80002: "federated-sts-unreachable",
  80005: "federated-sts-unreachable",
  80012: "federated-sts-unreachable",
  // OAuth era: an app's or a device's token request, as the token endpoint and service-principal sign-ins
  // report it (learn.microsoft.com/azure/developer/java/sdk/troubleshooting-authentication-service-principal;
  // Microsoft Q&A 1338428 for AADSTS700082).
  7000215: "oauth-client-credentials-invalid",
  7000222: "oauth-client-credentials-invalid",
  700016: "oauth-client-credentials-invalid",
  700082: "oauth-refresh-token-expired",
  700084: "oauth-refresh-token-expired",
  50173: "oauth-refresh-token-expired",
  70043: "oauth-refresh-token-expired",
};

/** The cause an Entra sign-in error code points to; `unknown` for a code the catalogue does not map. */
export function causeOfSignInError(errorCode: number): CauseId {
  return SIGN_IN_ERROR_CAUSES[errorCode] ?? "unknown";
}

/** Error codes whose cause the code alone cannot name between per-user MFA and security defaults. */
export const MFA_REQUIRED_CODES: ReadonlySet<number> = new Set([50074, 50076, 50079]);
