import { isIPv4 } from "node:net";
import type { MigrationRequest } from "../domain/migration-plan";
import type { MigrationPath } from "../domain/types";
import { AppError } from "../errors/app-error";

/** The migration fields of a validated body. */
interface MigrationFields {
  path?: MigrationPath;
  senderIp?: string;
  appId?: string;
  retireBasicAuth?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The migration a body asks for, or undefined for a fix. Each path takes exactly its own parameter:
 * a stray one is refused rather than ignored, so nobody believes an IP or app was used when it was not.
 */
export function migrationFrom(input: MigrationFields): MigrationRequest | undefined {
  const { path, senderIp, appId, retireBasicAuth } = input;
  if (!path) {
    if (senderIp !== undefined || appId !== undefined || retireBasicAuth !== undefined) refuse("senderIp, appId and retireBasicAuth go with a \"path\" (high-volume-email, relay-connector or oauth-app).");
    return undefined;
  }
  if (path === "relay-connector") {
    if (!senderIp || !isIPv4(senderIp)) refuse("relay-connector needs \"senderIp\": the device's IPv4 address, the only one the connector will accept.");
  } else if (senderIp !== undefined) refuse(`senderIp goes with relay-connector, not ${path}.`);
  if (path === "oauth-app") {
    if (!appId || !GUID.test(appId)) refuse("oauth-app needs \"appId\": the application (client) id, a GUID, of an app registered in the customer's tenant.");
    if (retireBasicAuth) refuse("oauth-app keeps SMTP AUTH on for the mailbox (OAuth SMTP goes through it), so retireBasicAuth cannot go with it.");
  } else if (appId !== undefined) refuse(`appId goes with oauth-app, not ${path}.`);
  return {
    path,
    ...(senderIp ? { senderIp } : {}),
    ...(appId ? { appId: appId.toLowerCase() } : {}),
    ...(retireBasicAuth ? { retireBasicAuth: true } : {}),
  };
}

function refuse(message: string): never {
  throw new AppError("INVALID_MIGRATION", message);
}
