import type { CodedText } from "./coded-text";
import { evidenceText } from "./evidence-messages";

/**
 * The tenant's end-of-December 2026 default for basic authentication with SMTP AUTH (MC786329: off in
 * existing tenants, admins can turn it back on until the final removal). Microsoft documents no way to
 * read it yet, so it is a layer of its own whose value the app setting SMTP_BASIC_AUTH_DEFAULT gives:
 * "date" (default) reasons from the date alone as before; "off" takes it as off in every tenant (a
 * confirmed layer); "on" takes it as turned back on (the layer is ruled out).
 */
export type BasicAuthDefault = "date" | "on" | "off";

/** What the setting says about the basic-auth-retired cause for a basic-auth client; null = reason from the date. */
export function basicAuthDefaultCheck(setting: BasicAuthDefault | undefined): { verdict: "confirmed" | "ruled-out"; evidence: string; evidenceCode?: CodedText } | null {
  if (setting === "off") {
    const evidenceCode: CodedText = { code: "basic-auth-default-off" };
    return { verdict: "confirmed", evidence: evidenceText(evidenceCode, "en"), evidenceCode };
  }
  if (setting === "on") return { verdict: "ruled-out", evidence: "basic authentication for SMTP AUTH is taken as turned back on in this tenant (SMTP_BASIC_AUTH_DEFAULT=on)" };
  return null;
}
