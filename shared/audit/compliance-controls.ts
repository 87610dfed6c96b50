import type { FindingType } from "./finding";

/** A control in a published baseline that a finding is evidence against. */
export interface ComplianceControl {
  id: string;
  framework: "CIS Microsoft 365 Foundations Benchmark v4.0.0" | "CISA SCuBA Exchange Online baseline";
  title: string;
}

/**
 * CIS Microsoft 365 Foundations Benchmark v4.0.0, 6.5.4 (L1) "Ensure SMTP AUTH is disabled":
 * the organisation-wide SmtpClientAuthenticationDisabled, a per-mailbox setting may override it
 * (tenable.com/audits/items/CIS_Microsoft_365_Foundations_v4.0.0_L1_E3.audit, item 6.5.4).
 */
export const CIS_SMTP_AUTH: ComplianceControl = { id: "CIS-M365-v4.0.0-6.5.4", framework: "CIS Microsoft 365 Foundations Benchmark v4.0.0", title: "Ensure SMTP AUTH is disabled" };

/** CISA SCuBA Exchange Online baseline MS.EXO.5.1v1, "SMTP AUTH SHALL be disabled" (maester.dev/docs/tests/CISA.MS.EXO.5.1). */
export const SCUBA_SMTP_AUTH: ComplianceControl = { id: "MS.EXO.5.1", framework: "CISA SCuBA Exchange Online baseline", title: "SMTP AUTH SHALL be disabled" };

const SMTP_AUTH_CONTROLS = [CIS_SMTP_AUTH, SCUBA_SMTP_AUTH] as const;

/**
 * The finding types that are SMTP AUTH left on, for the organisation or for a mailbox beyond an
 * approved exception. Others name a control only when their setting is SMTP AUTH (an expired
 * exception for it); the rest are this product's own rules (legacy-auth protection, MFA, stale
 * exceptions) and name none.
 */
export const SMTP_AUTH_FINDINGS: readonly FindingType[] = ["org-smtp-auth-enabled", "unapproved-smtp-auth"];

/** The control ids a finding is evidence against, e.g. `["CIS-M365-v4.0.0-6.5.4", "MS.EXO.5.1"]`. */
export function controlIdsOf(finding: { type: FindingType; setting?: string }): string[] {
  const smtpAuth = SMTP_AUTH_FINDINGS.includes(finding.type) || (finding.type === "expired-exception" && finding.setting === "mailbox-smtp-auth");
  return smtpAuth ? SMTP_AUTH_CONTROLS.map((c) => c.id) : [];
}
