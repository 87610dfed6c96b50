import { AppError } from "../errors/app-error";
import type { OneTimeCredential, OneTimeCredentials } from "../store/one-time-credentials";
import type { RequestStore } from "../store/request-store";
import { findRemediation } from "./find-remediation";

/**
 * The credentials a migration generated for a request (an HVE account's password), handed out once:
 * the read deletes them, so a second read, by anyone, gets 404. The secret is never logged or stored
 * in the request, only in the sealed one-time store.
 */
export async function takeCredentials(id: string, requests: RequestStore, credentials: OneTimeCredentials | undefined): Promise<OneTimeCredential & { requestId: string }> {
  const record = await findRemediation(requests, id);
  const taken = await credentials?.take(record.id);
  if (!taken) throw new AppError("CREDENTIALS_NOT_AVAILABLE", `Request ${record.id} has no credentials to show: none were generated, or they were shown once already.`);
  return { requestId: record.id, ...taken };
}
