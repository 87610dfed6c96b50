import { coded, reasonCode } from "../domain/request-reasons";
import type { StepName, TenantPolicy } from "../domain/types";
import { STEPS, type RemediationStep, type StepContext, type StepRefusal, type StepTarget } from "../steps";
import { accountRefusal } from "./account-guard";
import { withSharedMailboxRead } from "./shared-mailbox-read";
import type { TenantGateways } from "../m365/m365-gateway";
import { readOnlyReason } from "./read-only-tenant";
import { recordTenantChange } from "./record-tenant-change";
import { recordRestoredChange } from "./record-restored-change";
import { stepDefinition } from "./step-definition";
import type { RemediationDeps } from "./remediation-deps";
import type { RemediationRecord, StepRecord } from "./remediation-record";
import type { WeakenedSetting } from "../steps";
import type { RequestSession } from "./request-session";
import { backoffDelay } from "../retry/backoff";
import { isM365Error } from "../m365/m365-error";
import { decideRetry } from "./retry-decision";
import type { StageMessage } from "./stage-message";

/** Margin after another request's lock ends before this one tries again. */
const LOCK_MARGIN_MS = 250;

/**
 * One step, check → apply → verify. The check reads the live value first, so a redelivered
 * message, or a crash after the write, finds the setting right and does not write it again. A
 * write not yet visible (Exchange propagates slowly) is read again later; it is never re-sent.
 */
export async function runStep(message: StageMessage, session: RequestSession, deps: RemediationDeps): Promise<void> {
  const record = session.record;
  const name = message.stage as StepName;
  const step = record.steps.find((s) => s.name === name);
  if (!step) return session.finish("failed", `The plan has no step ${name}.`);
  // The tenant may have become read-only since the plan was made: then nothing is written.
  const tenant = await deps.tenants.get(record.tenantId);
  if (!tenant) return session.finish("failed", `Tenant ${record.tenantId} is no longer onboarded.`);
  if (tenant.access === "read-only") return session.finish("planned", readOnlyReason(record.tenantId));
  const def = stepDefinition(record, step);
  if (!def) return session.finish("failed", `${name} has no undo, or the undo request lost the value it restores.`);
  const gw = deps.gateways.forTenant(record.tenantId);
  const target: StepTarget = { mailbox: record.mailbox, userId: record.userId ?? null, ...(record.migration ? { migration: record.migration } : {}) };
  const context: StepContext = { requestId: record.id, credentials: deps.credentials, now: deps.now };

  // Another request changing the same setting goes first; this one then finds it right and skips. A
  // mailbox is locked by its user, so a request naming it by an alias waits for one naming its UPN.
  const subject = def.subject(target);
  const lockKey = `${def.lockAs ?? def.setting}:${subject === "tenant" ? subject : (target.userId ?? subject)}`;
  const lock = await deps.settingLocks.acquire(record.tenantId, lockKey, record.id, deps.now(), deps.leaseMs);
  if (!lock.acquired) {
    // Often the holder has already made the change: then there is nothing to wait for.
    const value = step.applied ? null : await def.read(gw, target).catch(() => null);
    if (value !== null && def.isRight(value)) return completeStep(session, step, def, target, value, deps);
    step.status = step.applied || message.attempt > 1 ? "retrying" : "pending";
    step.reason = `Waiting: request ${lock.heldBy} is changing the same setting.`;
    return session.retryLater(message, Math.max(0, lock.until.getTime() - deps.now().getTime()) + LOCK_MARGIN_MS);
  }
  try {
    await runLockedStep(message, session, step, def, gw, target, context, tenant.policy, deps);
  } finally {
    // A write waiting to become visible keeps its lock through the wait, or a second request would
    // read the old value and write again; anything else lets the next request go.
    if (step.applied && step.status === "retrying") {
      await deps.settingLocks.extend(record.tenantId, lockKey, record.id, lock.etag, deps.now(), deps.retry.maxDelayMs + deps.leaseMs);
    } else await deps.settingLocks.release(record.tenantId, lockKey, record.id, lock.etag);
  }
}

/** The step's status, attempt and start went out with the lease (see markStageRunning), so this starts with the reads. */
async function runLockedStep(message: StageMessage, session: RequestSession, step: StepRecord, def: RemediationStep, gw: TenantGateways, target: StepTarget, context: StepContext, policy: TenantPolicy, deps: RemediationDeps): Promise<void> {
  try {
    // The guardrails are reads too: they go out with the value's read, not after it, and share its
    // Get-CASMailbox. Their answer (or failure) counts only if a write may follow.
    const checks = withSharedMailboxRead(gw);
    const reading = def.read(checks, target);
    const guard = message.phase === "run" && !step.applied ? writeRefusal(def, checks, target, context, session.record, policy) : Promise.resolve(null);
    guard.catch(() => undefined);
    const value = await reading;
    if (def.isRight(value)) return await completeStep(session, step, def, target, value, deps);
    if (message.phase === "verify" || step.applied) return await verifyLater(session, step, message, deps);

    const refusal = await guard;
    if (refusal) {
      const record = session.record;
      Object.assign(step, { status: "skipped", refused: refusal, reason: refusal.reason });
      record.attention = { reason: refusal.reason, guidance: [], causes: [] };
      return await session.finish("needs-attention", refusal.reason);
    }
    step.before = value;
    await session.save(); // the intent is on record before the write, so recovery knows what "before" was
    const undoData = await def.apply(gw, target, context);
    if (undoData) step.undoData = undoData;
    step.applied = true;
    await session.save();
    const after = await readBack(def, gw, target);
    if (after !== null && def.isRight(after)) return await completeStep(session, step, def, target, after, deps);
    return await verifyLater(session, step, message, deps);
  } catch (error) {
    return failOrRetry(session, step, message, error, deps);
  }
}

/** The account checks (not protected, same account) and the step's own precondition, read together; the account's refusal first. */
async function writeRefusal(def: RemediationStep, gw: TenantGateways, target: StepTarget, context: StepContext, record: RemediationRecord, policy: TenantPolicy): Promise<StepRefusal | null> {
  // Protection is never a reason to refuse giving protection back; an address that moved to another user still is.
  const restoresProtection = record.undoOf !== undefined && STEPS[def.name].undo?.effect === "tightens";
  const guardPolicy = restoresProtection ? { ...policy, protectedAccounts: [] } : policy;
  const [account, own] = await Promise.all([accountRefusal(gw, def, target, record.account, guardPolicy), def.precondition ? def.precondition(gw, target, context) : null]);
  return account ?? own;
}

async function readBack(def: RemediationStep, gw: TenantGateways, target: StepTarget): Promise<string | null> {
  try {
    return await def.read(gw, target);
  } catch {
    return null; // the write went out; a failed read-back is checked again later, not treated as a failure
  }
}

async function completeStep(session: RequestSession, step: StepRecord, def: RemediationStep, target: StepTarget, value: string, deps: RemediationDeps): Promise<void> {
  const changed = step.before !== undefined;
  // An undo's change closes the exception its original opened; a fix's change opens one.
  if (session.record.undoOf) await recordRestoredChange(session.record, session.record.undoOf, step, def, target, value, deps);
  else if (changed) {
    await recordTenantChange(session.record, step, def, target, value, deps);
    if (def.createdObjects) step.created = def.createdObjects(target, step.before ?? "");
  }
  if (def.closes) await closeExceptions(session.record, def.closes, deps);
  if (!changed) await deps.events.append({ tenantId: session.record.tenantId, requestId: session.record.id, kind: "step-skipped", at: deps.now().toISOString(), setting: def.setting, subject: def.subject(target), before: value, ...coded(reasonCode("event-already-right")) });
  Object.assign(step, { status: changed ? "succeeded" : "skipped", after: value, completedAt: deps.now().toISOString(), lastError: undefined });
  if (!changed) step.reason = `Already right (${value}).`;
  deps.log.info(`${session.record.mailbox}: ${step.name} ${step.status}${changed ? ` (${step.before} → ${value})` : ` (already ${value})`}`);
  const next = session.record.steps.find((s) => s.status === "pending");
  if (next) return session.enqueue(next.name, "run", 1);
  return session.finish("succeeded");
}

/** Closes the request's mailbox's active exceptions of a setting a step took back (retire-basic-auth). */
async function closeExceptions(record: RemediationRecord, setting: WeakenedSetting, deps: RemediationDeps): Promise<void> {
  if (!deps.exceptions.list || !deps.exceptions.close) return;
  const mailbox = record.mailbox.toLowerCase();
  for (const exception of await deps.exceptions.list(record.tenantId)) {
    const same = exception.setting === setting && (exception.subject.toLowerCase() === mailbox || (record.userId && exception.userId === record.userId));
    if (same && !exception.closedAt) await deps.exceptions.close(record.tenantId, exception.id, "revoked", deps.now());
  }
}

async function verifyLater(session: RequestSession, step: StepRecord, message: StageMessage, deps: RemediationDeps): Promise<void> {
  if (message.attempt >= deps.retry.maxAttempts) {
    step.status = "failed";
    step.reason = `The change was sent but was still not visible after ${message.attempt} checks.`;
    return session.finish("failed", `${step.name}: ${step.reason}`);
  }
  step.status = "retrying";
  step.reason = "Change sent; waiting for Microsoft 365 to show it.";
  const delayMs = backoffDelay(message.attempt, deps.retry, deps.random);
  await session.enqueue(step.name, "verify", message.attempt + 1, delayMs);
}

async function failOrRetry(session: RequestSession, step: StepRecord, message: StageMessage, error: unknown, deps: RemediationDeps): Promise<void> {
  const decision = decideRetry(error, message.attempt, deps.retry, deps.random, session.ageMs());
  const code = (error as { code?: string }).code ?? (error as { kind?: string }).kind ?? "error";
  const clientRequestId = isM365Error(error) ? error.clientRequestId : undefined;
  const callId = clientRequestId ? { clientRequestId } : {};
  const said = clientRequestId ? ` (client-request-id ${clientRequestId})` : "";
  deps.log.warn(`request ${session.record.id} tenant ${session.record.tenantId}: ${step.name} attempt ${message.attempt} failed: ${(error as Error).message}${said}`);
  if (decision.action === "retry") {
    step.status = "retrying";
    step.lastError = { code, message: (error as Error).message, ...callId };
    await deps.events.append({ tenantId: session.record.tenantId, requestId: session.record.id, kind: "retry-scheduled", at: deps.now().toISOString(), setting: step.name, detail: `attempt ${message.attempt + 1} in ${decision.delayMs} ms: ${(error as Error).message}${said}` });
    return session.enqueue(step.name, step.applied ? "verify" : message.phase, message.attempt + 1, decision.delayMs);
  }
  step.status = "failed";
  step.reason = decision.reason;
  step.lastError = { code, message: decision.reason, ...callId };
  await deps.events.append({ tenantId: session.record.tenantId, requestId: session.record.id, kind: "step-failed", at: deps.now().toISOString(), setting: step.name, detail: `${decision.reason}${said}` });
  for (const s of session.record.steps) if (s.status === "pending") Object.assign(s, { status: "skipped", reason: `Not run: ${step.name} failed.` });
  return session.finish("failed", `${step.name}: ${decision.reason}`);
}
