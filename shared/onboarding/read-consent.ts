import { z } from "zod";
import { validate } from "../http/validate";
import type { GrantedRolesReader } from "../m365/read-granted-roles";
import { checkConsent, type ConsentCheck } from "./consent-check";

const TenantIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/, "a tenant id (GUID) or its initial domain");

/** `GET /api/tenants/{tenantId}/consent`: the check, plus why nothing is granted when the app is not in the tenant. */
export type ConsentReading = ConsentCheck & { notConsented?: string };

/** Checks what the tenant's consent allows now; works before the tenant is onboarded. */
export async function readConsent(tenantId: string, readRoles: GrantedRolesReader, now: Date): Promise<ConsentReading> {
  const id = validate(TenantIdSchema, tenantId);
  const grant = await readRoles(id);
  if (grant.kind === "not-consented") return { ...checkConsent(id, [], now), notConsented: grant.reason };
  return checkConsent(id, grant.roles, now);
}
