import { AppError } from "../errors/app-error";
import type { OneTimeCredential, OneTimeCredentials } from "../store/one-time-credentials";
import type { RequestStore } from "../store/request-store";
import { findRemediation } from "./find-remediation";
import { describeOperator, type OperatorRef } from "../auth/operator";
import type { EventTrail } from "../store/event-trail";

/**
 * The credentials a migration generated for a request (an HVE account's password), handed out once:
 * the read deletes them, so a second read, by anyone, gets 404. The secret is never logged or stored
 * in the request, only in the sealed one-time store.
 */
export async function takeCredentials(id: string, reader: OperatorRef, deps: { requests: RequestStore; events: EventTrail; credentials?: OneTimeCredentials; now(): Date }): Promise<OneTimeCredential & { requestId: string }> {
  const record = await findRemediation(deps.requests, id);
  const taken = await deps.credentials?.take(record.id);
  if (!taken) throw new AppError("CREDENTIALS_NOT_AVAILABLE", `Request ${record.id} has no credentials to show: none were generated, or they were shown once already.`);
  // Who saw them is on the trail; what they were never is.
  await deps.events.append({ tenantId: record.tenantId, requestId: record.id, kind: "credentials-read", at: deps.now().toISOString(), subject: taken.username, requestedBy: describeOperator(reader) });
  return { requestId: record.id, ...taken };
}
