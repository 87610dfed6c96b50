import { APP_PERMISSIONS, FEATURES, featureNeeds, featurePermissions, type AppPermission, type ExchangeCmdlet, type Feature } from "../m365/permission-manifest";

/** One feature as the tenant's consent allows it. */
export interface FeatureConsent {
  feature: Feature;
  /** Every application permission it needs is in the token's roles. */
  allowed: boolean;
  missing: AppPermission[];
  /** Cmdlets its Exchange role group must hold: a token does not show them, so they are listed, not judged. */
  cmdlets: ExchangeCmdlet[];
}

/** The body of `GET /api/tenants/{tenantId}/consent`. */
export interface ConsentCheck {
  tenantId: string;
  checkedAt: string;
  /** Every feature allowed. */
  complete: boolean;
  features: FeatureConsent[];
  /** Each missing permission once, with the features it blocks. */
  missing: Array<{ permission: AppPermission; blocks: Feature[] }>;
  /** The application permissions the tenant granted, as its tokens carry them. */
  granted: string[];
}

/**
 * Reads, feature by feature, what a tenant's consent allows, from the permissions its tokens carry:
 * a permission is there only when the tenant says so (nothing assumed from the manifest or the docs).
 */
export function checkConsent(tenantId: string, granted: readonly string[], now: Date): ConsentCheck {
  const held = new Set(granted.map((p) => p.toLowerCase()));
  const features = (Object.keys(FEATURES) as Feature[]).map((feature): FeatureConsent => {
    const missing = featurePermissions(feature).filter((p) => !held.has(p.toLowerCase()));
    return { feature, allowed: missing.length === 0, missing, cmdlets: featureNeeds(feature).cmdlets };
  });
  const blocks = new Map<AppPermission, Feature[]>();
  for (const f of features) for (const p of f.missing) blocks.set(p, [...(blocks.get(p) ?? []), f.feature]);
  return {
    tenantId,
    checkedAt: now.toISOString(),
    complete: features.every((f) => f.allowed),
    features,
    missing: APP_PERMISSIONS.filter((p) => blocks.has(p)).map((permission) => ({ permission, blocks: blocks.get(permission) ?? [] })),
    granted: [...granted].sort(),
  };
}
