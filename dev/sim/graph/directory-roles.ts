import { createHash } from "node:crypto";

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
};

/** The role template id for a display name (built-in, else a stable id derived from the name). */
export function roleTemplateId(displayName: string): string {
  const known = BUILT_IN_ROLES[displayName];
  if (known) return known;
  const h = createHash("sha1").update(displayName).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Graph's unifiedRoleDefinition for a role. */
export function roleDefinition(displayName: string): Record<string, unknown> {
  const id = roleTemplateId(displayName);
  return { id, description: `Simulated role ${displayName}.`, displayName, isBuiltIn: displayName in BUILT_IN_ROLES, isEnabled: true, templateId: id };
}

/** Graph's directoryRole (an activated role) for a role, as transitiveMemberOf lists it. */
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

/** A role assignment of one role to one user. */
export function roleAssignment(userId: string, displayName: string, expand: boolean): Record<string, unknown> {
  const roleDefinitionId = roleTemplateId(displayName);
  const assignment: Record<string, unknown> = {
    id: `${Buffer.from(roleDefinitionId.replace(/-/g, ""), "hex").toString("base64url")}-${userId}`,
    principalId: userId,
    roleDefinitionId,
    directoryScopeId: "/",
  };
  if (expand) assignment.roleDefinition = roleDefinition(displayName);
  return assignment;
}
