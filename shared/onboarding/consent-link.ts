import { APP_PERMISSIONS, type AppPermission } from "../m365/permission-manifest";

/** The admin-consent link for one customer tenant and what accepting it grants. */
export interface ConsentLink {
  url: string;
  /** The manifest's application permissions: what the registration asks for, so what consent grants. */
  permissions: readonly AppPermission[];
}

/**
 * The admin-consent link a Global Administrator of the tenant opens once (and again after a permission
 * is added): `{authority}/{tenant}/adminconsent?client_id=...`, the same link the post-provision hook
 * prints (infra/hooks/postprovision.mjs). It grants every application permission the registration
 * holds, which the post-provision hook writes from the manifest (infra/app-permissions.json).
 */
export function adminConsentLink(authorityHost: string, tenantId: string, clientId: string): ConsentLink {
  const url = new URL(`${authorityHost.replace(/\/$/, "")}/${encodeURIComponent(tenantId)}/adminconsent`);
  url.searchParams.set("client_id", clientId);
  return { url: url.toString(), permissions: APP_PERMISSIONS };
}
