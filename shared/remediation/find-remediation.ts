import { AppError } from "../errors/app-error";
import type { RequestStore } from "../store/request-store";
import type { RemediationRecord } from "./remediation-record";

/** Loads a request by the id in a URL; an id of the wrong shape is "not found", never a storage query. */
export async function findRemediation(requests: RequestStore, id: string): Promise<RemediationRecord> {
  const found = /^[\w-]{1,100}$/.test(id) ? await requests.get(id) : null;
  if (!found) throw new AppError("REMEDIATION_NOT_FOUND", `No remediation has the id ${id.slice(0, 100)}.`);
  return found.record;
}
