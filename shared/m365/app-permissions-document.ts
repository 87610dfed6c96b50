import { EXCHANGE_READ_CMDLETS, EXCHANGE_WRITE_CMDLETS } from "./exchange-role";
import { EXCHANGE_PERMISSION, FEATURES, GRAPH_PERMISSIONS, featureNeeds, featurePermissions } from "./permission-manifest";
import type { Feature } from "./permission-manifest";

/** Microsoft Graph's and Office 365 Exchange Online's application ids (the APIs the permissions belong to). */
export const GRAPH_RESOURCE_APP_ID = "00000003-0000-0000-c000-000000000000";
export const EXCHANGE_RESOURCE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";

/**
 * The manifest as plain JSON for what cannot import TypeScript (infra/hooks/postprovision.mjs reads
 * infra/app-permissions.json). `npm run permissions:json` writes it; a unit test keeps it equal.
 */
export function appPermissionsDocument(): Record<string, unknown> {
  const features = Object.fromEntries((Object.keys(FEATURES) as Feature[]).map((f) => [f, { permissions: featurePermissions(f), cmdlets: featureNeeds(f).cmdlets }]));
  return {
    $comment: "Generated from shared/m365/permission-manifest.ts by `npm run permissions:json`; do not edit.",
    graph: { resourceAppId: GRAPH_RESOURCE_APP_ID, applicationPermissions: [...GRAPH_PERMISSIONS] },
    exchange: {
      resourceAppId: EXCHANGE_RESOURCE_APP_ID,
      applicationPermissions: [EXCHANGE_PERMISSION],
      readCmdlets: [...EXCHANGE_READ_CMDLETS],
      writeCmdlets: [...EXCHANGE_WRITE_CMDLETS],
    },
    features,
  };
}
