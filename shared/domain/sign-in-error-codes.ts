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
};

/** The cause an Entra sign-in error code points to; `unknown` for a code the catalogue does not map. */
export function causeOfSignInError(errorCode: number): CauseId {
  return SIGN_IN_ERROR_CAUSES[errorCode] ?? "unknown";
}

/** Error codes whose cause the code alone cannot name between per-user MFA and security defaults. */
export const MFA_REQUIRED_CODES: ReadonlySet<number> = new Set([50074, 50076, 50079]);
