import { createHash } from "node:crypto";
import type { SimTenant } from "../state/sim-tenant";

/** Template ids of Entra's built-in roles, by display name. */
const BUILT_IN_ROLES: Record<string, string> = {
  "Global Administrator": "62e90394-69f5-4237-9190-012177145e10",
  "Exchange Administrator": "29232cdf-9323-42fd-ade2-1d097af3e4de",
  "Security Administrator": "194ae4cb-b126-40b2-bd5b-6091b380977d",
  "User Administrator": "fe930be7-5e62-47db-91af-98c3a49a38b1",
  "Privileged Role Administrator": "e8611ab8-c189-46e8-94e1-60213ab1f814",
  "Conditional Access Administrator": "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9",
  "Helpdesk Administrator": "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  "Billing Administrator": "b0f54661-2d74-4c50-afa3-1ec803f12efe",
  "Global Reader": "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  "Authentication Administrator": "c4e39bd9-1100-46d3-8c65-fb160da0071f",
  "Reports Reader": "4a5d8f65-41da-4de4-8968-e035b65339cf",
};

/**
 * Built-in roles Microsoft labels PRIVILEGED ("Microsoft Entra built-in roles": isPrivileged).
 * Exchange Administrator and Billing Administrator are not on Microsoft's list, as in Entra.
 */
const MICROSOFT_PRIVILEGED = new Set([
  "Global Administrator", "Security Administrator", "User Administrator", "Privileged Role Administrator",
  "Conditional Access Administrator", "Helpdesk Administrator", "Global Reader", "Authentication Administrator",
]);

/** The role template id for a display name (built-in, else a stable id derived from the name). */
export function roleTemplateId(displayName: string): string {
  const known = BUILT_IN_ROLES[displayName];
  if (known) return known;
  const h = createHash("sha1").update(displayName.toLowerCase()).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Graph's unifiedRoleDefinition for a role name. A name registered as a custom role is custom;
 * any other name is treated as a built-in role. `isPrivileged` is a beta property: v1.0 leaves it out.
 */
export function roleDefinition(tenant: SimTenant, displayName: string, version: string): Record<string, unknown> {
  const id = roleTemplateId(displayName);
  const custom = tenant.customRoles.get(displayName.toLowerCase());
  const actions = custom ? custom.allowedResourceActions : [`microsoft.directory/simulated/${id}/read`];
  return {
    id,
    description: `Simulated role ${displayName}.`,
    displayName: custom?.displayName ?? displayName,
    isBuiltIn: !custom,
    isEnabled: true,
    ...(version === "beta" ? { isPrivileged: custom ? custom.isPrivileged : MICROSOFT_PRIVILEGED.has(displayName) } : {}),
    resourceScopes: ["/"],
    templateId: id,
    version: null,
    rolePermissions: [{ allowedResourceActions: actions, condition: null }],
  };
}

/** Graph's directoryRole (an activated built-in role) for a role, as transitiveMemberOf lists it. */
export function directoryRole(tenantPrefix: string, displayName: string): Record<string, unknown> {
  const templateId = roleTemplateId(displayName);
  return {
    "@odata.type": "#microsoft.graph.directoryRole",
    id: `${tenantPrefix.slice(0, 8)}${templateId.slice(8)}`,
    deletedDateTime: null,
    description: `Simulated role ${displayName}.`,
    displayName,
    roleTemplateId: templateId,
  };
}
