import { z } from "zod";
import { validate } from "../http/validate";
import { adminConsentLink, type ConsentLink } from "./consent-link";
import { resolveTenantId } from "./resolve-tenant-id";

const StartSchema = z.object({ tenant: z.string().trim().min(1).max(253) }).strict();

/** The body of `POST /api/onboarding`: the tenant's id, its consent link, and the steps that follow. */
export interface OnboardingStart {
  tenantId: string;
  domain?: string;
  /** Null when the app's client id is not configured (M365_CLIENT_ID). */
  consent: ConsentLink | null;
  next: { check: string; onboard: string; audit: string; webhookSecret: string; ticketConnection: string };
}

export interface StartOnboardingDeps {
  authorityHost: string;
  clientId: string | undefined;
  fetch?: typeof fetch;
}

/**
 * The first step of onboarding, for the console and for scripts: names the tenant (by id, or by a
 * domain resolved through Entra), and hands out the admin-consent link. Stores nothing: the tenant is
 * written by `PUT /api/tenants/{id}` once the consent check passes.
 */
export async function startOnboarding(body: unknown, deps: StartOnboardingDeps): Promise<OnboardingStart> {
  const input = validate(StartSchema, body);
  const resolved = await resolveTenantId(input.tenant, deps.authorityHost, deps.fetch);
  const id = encodeURIComponent(resolved.tenantId);
  return {
    ...resolved,
    consent: deps.clientId ? adminConsentLink(deps.authorityHost, resolved.tenantId, deps.clientId) : null,
    next: {
      check: `GET /api/tenants/${id}/consent`,
      onboard: `PUT /api/tenants/${id}`,
      audit: `POST /api/tenants/${id}/audits`,
      webhookSecret: `POST /api/tenants/${id}/webhook-secrets/{system}`,
      ticketConnection: `PUT /api/tenants/${id}/ticket-connections/{system}`,
    },
  };
}
