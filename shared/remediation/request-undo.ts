import { randomUUID } from "node:crypto";
import type { OperatorRef } from "../auth/operator";
import { coded, reasonCode } from "../domain/request-reasons";
import { isVerificationOpen, unavailableVerification } from "../domain/verification";
import { AppError } from "../errors/app-error";
import type { OnboardedTenant } from "../store/tenant-registry";
import { isConcurrentUpdate } from "../store/request-store";
import { isRemediationId, remediationNotFound } from "./find-remediation";
import { blockingUndo, undoRefusal, undoSteps } from "./plan-undo";
import type { RemediationDeps } from "./remediation-deps";
import type { RemediationRecord } from "./remediation-record";
import { RequestSession, sendFirstStage } from "./request-session";
import { whoAsked } from "./who-asked";

/** A save of the original can meet the verification timer's; read again and decide again this often. */
const CLAIM_PASSES = 3;

/**
 * `POST /api/remediations/{id}/undo`: a new request that restores every setting the original changed
 * to its before-value, newest change first. The original is claimed first (`undoneBy`, a conditional
 * write), so two undos asked for at once give one request and one 409. Like intake, it never calls
 * Microsoft 365: the undo's first stage decides who must agree (run-undo-plan.ts), its steps read before they write.
 */
export async function requestUndo(id: string, requestedBy: OperatorRef, deps: RemediationDeps, checkTenant?: (tenant: OnboardedTenant) => void): Promise<RemediationRecord> {
  const undoId = randomUUID();
  for (let pass = 0; pass < CLAIM_PASSES; pass++) {
    const session = isRemediationId(id) ? await RequestSession.load(id, deps) : null;
    if (!session) throw remediationNotFound(id);
    const original = session.record;
    const tenant = await deps.tenants.get(original.tenantId);
    if (!tenant) throw new AppError("TENANT_NOT_FOUND", `Tenant ${original.tenantId} is no longer onboarded.`);
    checkTenant?.(tenant);
    const previous = original.undoneBy ? ((await deps.requests.get(original.undoneBy))?.record ?? null) : null;
    const now = deps.now();
    const refusal = undoRefusal(original, blockingUndo(original, previous, now, deps.leaseMs));
    if (refusal) throw refusal;
    Object.assign(original, { undoneBy: undoId, undoRequestedAt: now.toISOString() });
    // The fix is being taken back: the device's next sign-in no longer tells whether it worked.
    if (original.verification && isVerificationOpen(original.verification)) original.verification = unavailableVerification(original.verification, `Undone by request ${undoId}.`, now);
    try {
      await session.save();
    } catch (e) {
      if (isConcurrentUpdate(e)) continue;
      throw e;
    }
    return startUndo(original, undoId, requestedBy, deps);
  }
  throw new AppError("ALREADY_UNDONE", `Request ${id} changed while the undo was being asked for; look at it again.`);
}

async function startUndo(original: RemediationRecord, id: string, requestedBy: OperatorRef, deps: RemediationDeps): Promise<RemediationRecord> {
  const at = deps.now().toISOString();
  const steps = undoSteps(original);
  const record: RemediationRecord = {
    id,
    tenantId: original.tenantId,
    mailbox: original.mailbox,
    userId: original.userId ?? null,
    // The account the original checked: the undo's writes are checked against it again.
    ...(original.account ? { account: original.account } : {}),
    mode: "apply",
    requestedBy,
    source: "api",
    undoOf: original.id,
    status: "queued",
    steps,
    stage: "diagnose",
    next: { stage: "diagnose", phase: "run", attempt: 1 },
    diagnoseAttempts: 0,
    createdAt: at,
    updatedAt: at,
  };
  await deps.requests.create(record);
  const stepNames = steps.map((s) => s.name).join(",");
  await deps.events.append({ tenantId: record.tenantId, requestId: original.id, kind: "undo-requested", at, requestedBy: whoAsked(record), ...coded(reasonCode("event-undo-requested", { undo: id })) });
  await deps.events.append({ tenantId: record.tenantId, requestId: id, kind: "accepted", at, requestedBy: whoAsked(record), ...coded(reasonCode("event-undo-of", { original: original.id, steps: stepNames })) });
  await sendFirstStage(deps, id, "undo request");
  return record;
}
