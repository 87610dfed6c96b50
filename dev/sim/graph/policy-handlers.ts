import { badRequest, graphError, odataContext, resourceNotFound } from "./graph-call";
import { findUser } from "./users-handlers";
import { json } from "../http/sim-http";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";
import type { PerUserMfaState } from "../../../shared/domain/types";

const MFA_STATES: readonly PerUserMfaState[] = ["disabled", "enabled", "enforced"];

/** GET /policies/identitySecurityDefaultsEnforcementPolicy. */
export function getSecurityDefaults(call: GraphCall): SimResponse {
  return json(200, {
    "@odata.context": odataContext(call, "policies/identitySecurityDefaultsEnforcementPolicy/$entity"),
    id: "00000000-0000-0000-0000-000000000005",
    displayName: "Security Defaults",
    description:
      "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.",
    isEnabled: call.tenant.flags.securityDefaults,
  });
}

/** PATCH /policies/identitySecurityDefaultsEnforcementPolicy {"isEnabled": bool} → 204. */
export function patchSecurityDefaults(call: GraphCall): SimResponse {
  const isEnabled = (call.body as { isEnabled?: unknown } | undefined)?.isEnabled;
  if (typeof isEnabled !== "boolean") return badRequest(call, "Invalid value specified for property 'isEnabled' of resource 'IdentitySecurityDefaultsEnforcementPolicy'.");
  const tenant = call.tenant;
  tenant.write(() => { tenant.flags.securityDefaults = isEnabled; }, call.faults.settings.propagationDelayMs);
  return { status: 204 };
}

/** GET /beta/users/{id}/authentication/requirements. */
export function getMfaRequirements(call: GraphCall, idOrUpn: string): SimResponse {
  const record = findUser(call, idOrUpn);
  if (!record) return resourceNotFound(call, idOrUpn);
  return json(200, {
    "@odata.context": odataContext(call, `users('${record.id}')/authentication/requirements/$entity`),
    perUserMfaState: record.perUserMfaState,
  });
}

/** PATCH /beta/users/{id}/authentication/requirements {"perUserMfaState"} → 204. */
export function patchMfaRequirements(call: GraphCall, idOrUpn: string): SimResponse {
  const record = findUser(call, idOrUpn);
  if (!record) return resourceNotFound(call, idOrUpn);
  const state = (call.body as { perUserMfaState?: unknown } | undefined)?.perUserMfaState;
  if (!MFA_STATES.includes(state as PerUserMfaState)) {
    return badRequest(call, `Invalid value '${String(state)}' for property 'perUserMfaState'. Expected one of: ${MFA_STATES.join(", ")}.`);
  }
  const tenant = call.tenant;
  tenant.write(() => tenant.mailboxes.update(record.index, { perUserMfaState: state as PerUserMfaState }), call.faults.settings.propagationDelayMs);
  return { status: 204 };
}

/** GET /identity/conditionalAccess/policies. */
export function listConditionalAccess(call: GraphCall): SimResponse {
  return json(200, {
    "@odata.context": odataContext(call, "identity/conditionalAccess/policies"),
    value: [...call.tenant.conditionalAccess.values()],
  });
}

/** GET /identity/conditionalAccess/policies/{id}. */
export function getConditionalAccess(call: GraphCall, id: string): SimResponse {
  const policy = call.tenant.conditionalAccess.get(id);
  if (!policy) return graphError(call, 404, "ResourceNotFound", `Could not find policy with id '${id}'.`);
  return json(200, { "@odata.context": odataContext(call, "identity/conditionalAccess/policies/$entity"), ...policy });
}
