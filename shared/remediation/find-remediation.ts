import { AppError } from "../errors/app-error";
import type { RequestStore } from "../store/request-store";
import type { RemediationRecord } from "./remediation-record";

/** Ids are UUIDs; anything else in a URL is "not found" without a storage query. */
const REMEDIATION_ID = /^[\w-]{1,100}$/;

export function isRemediationId(id: string): boolean {
  return REMEDIATION_ID.test(id);
}

export function remediationNotFound(id: string): AppError {
  return new AppError("REMEDIATION_NOT_FOUND", `No remediation has the id ${id.slice(0, 100)}.`);
}

/** Loads a request by the id in a URL, or throws the 404. */
export async function findRemediation(requests: RequestStore, id: string): Promise<RemediationRecord> {
  const found = isRemediationId(id) ? await requests.get(id) : null;
  if (!found) throw remediationNotFound(id);
  return found.record;
}
