import type { VerificationStatus } from "../domain/verification";
import type { RequestStore } from "../store/request-store";
import { listRemediations, MAX_PAGE_SIZE } from "./list-remediations";

/** How far back the estate view counts verification outcomes. */
export const VERIFICATION_WINDOW_DAYS = 30;

/** The verification outcomes of a tenant's latest requests (one page, up to 100) of the last 30 days. */
export function recentVerifications(requests: Pick<RequestStore, "indexEntries" | "get">, now: () => Date = () => new Date()) {
  return async (tenantId: string): Promise<VerificationStatus[]> => {
    const since = new Date(now().getTime() - VERIFICATION_WINDOW_DAYS * 86_400_000).toISOString();
    const page = await listRemediations({ tenantId, since, limit: String(MAX_PAGE_SIZE) }, requests);
    return page.remediations.flatMap((r) => (r.verification ? [r.verification.status] : []));
  };
}
