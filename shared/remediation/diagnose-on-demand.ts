import { z } from "zod";
import { diagnose, planRemediation, readErrorText, type BasicAuthDefault, type Diagnosis, type RemediationPlan, type TextReading } from "../domain";
import type { MailboxState } from "../domain/mailbox-state";
import { oauthCauseIdentified, withOAuthSuggestion, type OAuthCheck } from "../domain/oauth-checks";
import { AppError } from "../errors/app-error";
import { validate } from "../http/validate";
import type { M365GatewayFactory } from "../m365/m365-gateway";
import { readMailboxState } from "../m365/read-mailbox-state";
import type { OnboardedTenant, TenantRegistry } from "../store/tenant-registry";
import { readOAuthChecks } from "./read-oauth-app";
import { readWithSignIns } from "./read-with-sign-ins";
import { resolveTenant } from "./resolve-tenant";

export const DiagnoseInputSchema = z.object({
  errorText: z.string().max(20_000).default(""),
  tenantId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/).optional(),
  mailbox: z.string().trim().toLowerCase().max(254).pipe(z.email()).optional(),
  /** The OAuth app's application (client) id: its Exchange service principal and mailbox access are checked too. */
  appId: z.string().trim().toLowerCase().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "appId must be the application (client) id, a GUID").optional(),
});

export interface DiagnoseResult {
  causes: Diagnosis["causes"] | TextReading["causes"];
  reading: TextReading;
  /** Present when a mailbox was given: the live layers and what would be done. */
  live?: { tenantId: string; state: MailboxState; plan: RemediationPlan; oauthChecks?: OAuthCheck[] };
}

/**
 * `POST /api/diagnose`: the error text alone (offline, like the CLI), or with a mailbox the live
 * state too, and the plan a remediation would follow; for an OAuth cause the oauth-app path's checks
 * (the app's with an `appId`). Reads only; never changes the tenant.
 */
export async function diagnoseOnDemand(
  body: unknown,
  deps: { tenants: TenantRegistry; gateways: M365GatewayFactory; now: () => Date; checkTenant?: (tenant: OnboardedTenant) => void; basicAuthDefault?: BasicAuthDefault },
): Promise<DiagnoseResult> {
  const input = validate(DiagnoseInputSchema, body);
  if (!input.errorText && !input.mailbox) throw new AppError("VALIDATION_FAILED", "Send errorText, a mailbox, or both.");
  if (input.appId && !input.mailbox) throw new AppError("VALIDATION_FAILED", "appId goes with a mailbox: the app's access is checked on that mailbox.");
  const reading = readErrorText(input.errorText);
  const now = deps.now();
  if (!input.mailbox) return { causes: reading.causes, reading };
  const tenant = await resolveTenant(input.tenantId, input.mailbox, deps.tenants);
  deps.checkTenant?.(tenant);
  const gateways = deps.gateways.forTenant(tenant.tenantId);
  const state = await readMailboxState(gateways, input.mailbox, { now });
  const text = await readWithSignIns(input.errorText || undefined, gateways.graph, input.mailbox, now);
  const diagnosis = diagnose({ text, state, now, basicAuthDefault: deps.basicAuthDefault });
  const plan = planRemediation(diagnosis, state, tenant.policy);
  const live = { tenantId: tenant.tenantId, state, plan };
  if (!oauthCauseIdentified(diagnosis)) return { causes: diagnosis.causes, reading, live };
  // An OAuth cause: the oauth-app path's own checks, read live, and the path suggested with what is missing.
  const oauthChecks = await readOAuthChecks(gateways, state, input.appId);
  return { causes: diagnosis.causes, reading, live: { ...live, plan: withOAuthSuggestion(plan, oauthChecks, input.appId), oauthChecks } };
}
