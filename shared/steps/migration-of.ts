import type { MigrationRequest } from "../domain/migration-plan";
import { M365Error } from "../m365/m365-error";
import type { TenantGateways } from "../m365/m365-gateway";
import type { MigrationGateway } from "../m365/migration-gateway";
import type { StepTarget } from "./remediation-step";

/** The gateway a migration step works through; a missing one is a bug, never a reason to skip. */
export function migrationGateway(gw: TenantGateways): MigrationGateway {
  if (gw.migration) return gw.migration;
  throw new M365Error("No migration gateway is configured for this tenant.", { kind: "permanent", service: "exchange", operation: "exchange.getHveAccount" });
}

/** The request's migration, with the parameter a path's step needs. */
export function migrationOf(target: StepTarget): MigrationRequest {
  if (target.migration) return target.migration;
  throw new Error(`The request for ${target.mailbox} is not a migration.`);
}

/** The migration's sender IP (relay-connector) or app id (oauth-app); validated at intake. */
export function senderIpOf(target: StepTarget): string {
  return migrationOf(target).senderIp ?? "";
}
export function appIdOf(target: StepTarget): string {
  return migrationOf(target).appId ?? "";
}
