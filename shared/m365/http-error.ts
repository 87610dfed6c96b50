import { parseRetryAfter } from "../retry/backoff";
import { kindForStatus } from "./call-policy";
import type { CallIdentity } from "./call-policy";
import { M365Error } from "./m365-error";
import { permissionFor } from "./m365-permissions";
import { EXCHANGE_OPERATIONS } from "./permission-manifest";

/** What an HTTP failure said, before it becomes a typed error. */
export interface HttpFailure {
  status: number;
  /** Service error code (Authorization_RequestDenied, Request_ResourceNotFound, BadRequest...). */
  code?: string;
  /** The service's message; never carries our credentials. */
  message?: string;
  retryAfter?: string | null;
  /** Overrides the status-derived kind (an Exchange "couldn't be found" arrives as 400). */
  kind?: M365Error["kind"];
  cause?: unknown;
}

/** Service messages can be long HTML pages; errors keep the first line only. */
const MAX_MESSAGE_CHARS = 300;

/** Turns an HTTP failure into the M365Error the caller decides from. */
export function errorFromHttp(id: CallIdentity, failure: HttpFailure, nowMs: number = Date.now()): M365Error {
  const retryAfterMs = parseRetryAfter(failure.retryAfter, nowMs);
  const kind = failure.kind ?? kindForStatus(failure.status, retryAfterMs !== undefined);
  const deniedPermission = failure.status === 401 || failure.status === 403;
  const permission = deniedPermission ? permissionFor(id.operation) : undefined;
  const said = (failure.message ?? "").split("\n")[0]?.slice(0, MAX_MESSAGE_CHARS) ?? "";
  const parts = [`${id.service} ${id.operation} failed with ${failure.status}`];
  if (failure.code) parts.push(failure.code);
  if (said) parts.push(said);
  if (permission) parts.push(`the app needs the ${permission} permission${roleGroupHint(id.operation)}`);
  return new M365Error(parts.join(": "), {
    kind,
    service: id.service,
    operation: id.operation,
    status: failure.status,
    code: failure.code,
    retryAfterMs: kind === "throttled" || retryAfterMs !== undefined ? retryAfterMs : undefined,
    permission,
    clientRequestId: id.clientRequestId,
    cause: failure.cause,
  });
}

/** Exchange refuses a cmdlet the app's role group lacks with the same 401 as a missing permission: name both. */
function roleGroupHint(operation: string): string {
  const cmdlet = (EXCHANGE_OPERATIONS as Record<string, string>)[operation];
  return cmdlet ? ` and ${cmdlet} in its Exchange role group (infra/exchange/grant-app-role-group.ps1)` : "";
}
