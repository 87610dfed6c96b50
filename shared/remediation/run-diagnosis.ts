import { diagnose, LAYER_LABELS, planRemediation, stepNeeded, type MailboxState } from "../domain";
import type { StepName } from "../domain/types";
import type { Diagnosis, RemediationPlan } from "../domain";
import { isM365Error, isRetryable } from "../m365/m365-error";
import { readMailboxState } from "../m365/read-mailbox-state";
import { hasUnknownLayer, LAYER_FIELDS, mergeMailboxReads } from "../domain/merge-mailbox-reads";
import type { CodedText } from "../domain/coded-text";
import { oauthCauseIdentified, oauthChecks, withOAuthSuggestion } from "../domain/oauth-checks";
import { plannedChange } from "../domain/planned-change";
import { coded, englishReason, reasonCode } from "../domain/request-reasons";
import { observeFailures } from "./observe-failures";
import { readOnlyReason } from "./read-only-tenant";
import { readWithSignIns } from "./read-with-sign-ins";
import type { RemediationDeps } from "./remediation-deps";
import type { StepRecord } from "./remediation-record";
import type { RequestSession } from "./request-session";
import { authorisePlan, interactiveSignInsIfAutomatic } from "./authorise-plan";
import type { InteractiveSignIns } from "../domain/standing-policy";
import { unresolvedAccount } from "../domain/account-identity";
import { decideRetry } from "./retry-decision";
import { planMigration } from "./plan-migration";
import { runUndoPlan } from "./run-undo-plan";
import { awaitApproval, holdPendingSteps } from "./await-approval";
import type { StageMessage } from "./stage-message";

/**
 * Stage one of every request: read every layer of the mailbox's live state, diagnose, plan, and
 * either stop (plan mode, nothing to do, a person needed) or queue the first step. A read that
 * failed transiently retries the whole stage; after the last attempt it stays "unknown".
 */
export async function runDiagnosis(message: StageMessage, session: RequestSession, deps: RemediationDeps): Promise<void> {
  const record = session.record;
  if (record.undoOf) return runUndoPlan(session, deps);
  const tenant = await deps.tenants.get(record.tenantId);
  if (!tenant) return session.finish("failed", `Tenant ${record.tenantId} is no longer onboarded.`);
  if (record.migration) return planMigration(message, session, tenant, deps);

  const { gateways, failures } = observeFailures(deps.gateways.forTenant(record.tenantId));
  const now = deps.now();
  const fresh = await readMailboxState(gateways, record.mailbox, { now });
  const state = record.partialState ? mergeMailboxReads(record.partialState, fresh) : fresh;
  for (const failure of failures) {
    const said = isM365Error(failure) && failure.clientRequestId ? ` (client-request-id ${failure.clientRequestId})` : "";
    deps.log.warn(`request ${record.id} tenant ${record.tenantId}: a read failed while diagnosing: ${failure instanceof Error ? failure.message : String(failure)}${said}`);
  }
  const transient = failures.find(isRetryable);
  if (transient && hasUnknownLayer(state) && (await retriedLater(transient, state, message, session, deps))) return;

  // Sign-ins are logged under the UPN, which an alias is not.
  const text = await readWithSignIns(record.errorText, gateways.graph, state.account?.userPrincipalName ?? record.mailbox, now);
  const diagnosis = diagnose({ text, state, now, basicAuthDefault: deps.basicAuthDefault });
  // Plan what the mailbox needs and what is safe at all; whether it may run without a person is the
  // standing policy's question below (authorisePlan), so tenant-wide steps are planned here too.
  const planned = planRemediation(diagnosis, state, { ...tenant.policy, allowTenantWideChanges: true });
  // An OAuth cause: the oauth-app path's SMTP AUTH check from the state read above, and the path suggested (text only).
  const oauth = oauthCauseIdentified(diagnosis) ? oauthChecks(state) : undefined;
  const plan = oauth ? withOAuthSuggestion(planned, oauth, undefined) : planned;
  record.userId = state.userId;
  record.account = state.account ?? unresolvedAccount(state.userId);
  const steps = plan.outcome === "needs-attention" ? [] : plan.steps.map((s) => s.name);
  let interactiveSignIns: InteractiveSignIns | undefined;
  try {
    interactiveSignIns = await interactiveSignInsIfAutomatic(record, steps, tenant, gateways.graph, deps);
  } catch (e) {
    if (await retriedLater(e, state, message, session, deps)) return;
    interactiveSignIns = "unknown";
  }
  record.partialState = undefined;
  record.diagnosis = {
    causes: diagnosis.causes.map((c) => ({ id: c.id, verdict: c.verdict, confidence: c.confidence, evidence: c.evidence, ...(c.evidenceCode ? { evidenceCode: c.evidenceCode } : {}), fixStep: c.fixStep })),
    unknownLayers: LAYER_FIELDS.flatMap((l) => { const layer = state[l]; return layer.known ? [] : [`${LAYER_LABELS[l]}: ${layer.reason}`]; }),
    ...(oauth ? { oauthChecks: oauth } : {}),
  };
  record.steps = stepsFromPlan(record.steps, plan, state);
  const summary = summarise(diagnosis, plan);
  await deps.events.append({ tenantId: record.tenantId, requestId: record.id, kind: "diagnosed", at: now.toISOString(), ...coded(summary) });
  deps.log.info(`${record.mailbox}: diagnosed: ${englishReason(summary)}`);

  if (plan.outcome === "needs-attention") {
    record.attention = plan.attention ?? { reason: "A person must look at this request.", guidance: [], causes: [] };
    holdPendingSteps(record.steps, "Not applied: the request needs a person first.");
    return record.mode === "plan" ? session.finish("planned") : session.finish("needs-attention", record.attention.reason);
  }
  const readOnly = tenant.access === "read-only" && steps.length > 0;
  const verdict = await authorisePlan(record, steps, tenant, deps, { reserve: record.mode === "apply" && !readOnly, interactiveSignIns });
  record.policyDecision = { verdict: verdict.kind, ...(verdict.kind === "await-approval" ? { reasons: verdict.reasons } : verdict.kind === "protected" ? { reasons: [verdict.reason] } : {}) };
  if (record.mode === "plan") return session.finish("planned");
  if (readOnly) return session.finish("planned", readOnlyReason(record.tenantId));
  if (verdict.kind === "protected") {
    record.attention = { reason: verdict.reason, guidance: ["Use a dedicated device account for SMTP AUTH, or move the device to OAuth SMTP."], causes: [] };
    holdPendingSteps(record.steps, "Not applied: the account is protected by the tenant's policy.");
    return session.finish("needs-attention", verdict.code);
  }
  if (verdict.kind === "await-approval") return awaitApproval(session, steps, verdict, tenant.policy.approvalHours, deps);
  const first = record.steps.find((s) => s.status === "pending");
  if (!first) return session.finish("succeeded", reasonCode("nothing-to-change"));
  await session.enqueue(first.name, "run", 1);
  await deps.notify(record, "accepted");
}

/** Schedules the whole stage again after a transient read failure, while attempts remain; false when they do not. */
async function retriedLater(error: unknown, state: MailboxState, message: StageMessage, session: RequestSession, deps: RemediationDeps): Promise<boolean> {
  const record = session.record;
  const decision = decideRetry(error, message.attempt, deps.retry, deps.random, session.ageMs());
  if (decision.action !== "retry") return false;
  record.partialState = state;
  await deps.events.append({ tenantId: record.tenantId, requestId: record.id, kind: "retry-scheduled", at: deps.now().toISOString(), ...coded(reasonCode("event-diagnosis-retry", { attempt: message.attempt + 1, delayMs: decision.delayMs })) });
  await session.enqueue("diagnose", "run", message.attempt + 1, decision.delayMs);
  return true;
}

function stepsFromPlan(previous: StepRecord[], plan: RemediationPlan, state: MailboxState): StepRecord[] {
  return previous.map((step): StepRecord => {
    const planned = plan.steps.find((s) => s.name === step.name);
    if (planned) return { name: step.name, status: "pending", attempts: 0, reason: planned.reason, planned: plannedChange(step.name, state) };
    const refused = plan.refused.find((r) => r.step === step.name);
    // A step refused only by the tenant's policy is part of what an approval would run.
    const approvable = refused?.code === "tenant-wide-not-allowed" ? { planned: plannedChange(step.name, state) } : {};
    if (refused) return { name: step.name, status: "skipped", attempts: 0, reason: refused.reason, refused: { code: refused.code, reason: refused.reason }, ...approvable };
    if (plan.heldBack.includes(step.name)) return { name: step.name, status: "skipped", attempts: 0, reason: "Not applied: the request stops for a person first.", planned: plannedChange(step.name, state) };
    return { name: step.name, status: "skipped", attempts: 0, reason: whyNotPlanned(step.name, state) };
  });
}

function whyNotPlanned(name: StepName, state: MailboxState): string {
  const needed = stepNeeded(name, state);
  if (needed === false) return "Already right.";
  if (needed === "unknown") return "Not changed: the setting could not be read.";
  return "Not changed: it would not help while another blocker remains.";
}

function summarise(diagnosis: Diagnosis, plan: RemediationPlan): CodedText {
  const confirmed = diagnosis.causes.filter((c) => c.verdict === "confirmed").map((c) => c.id);
  return reasonCode("event-diagnosed", { causes: confirmed.join(",") || "none", outcome: plan.outcome, steps: plan.steps.map((s) => s.name).join(",") });
}

