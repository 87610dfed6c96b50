import { coded, englishReason, reasonCode } from "../domain/request-reasons";
import { accountOf } from "../m365/account-of";
import { STEPS as STEP_DEFINITIONS } from "../domain/cause-definition";
import { STEPS, type StepTarget } from "../steps";
import type { OnboardedTenant } from "../store/tenant-registry";
import { authorisePlan, interactiveSignInsIfAutomatic } from "./authorise-plan";
import type { InteractiveSignIns } from "../domain/standing-policy";
import { readOnlyReason } from "./read-only-tenant";
import type { RemediationDeps } from "./remediation-deps";
import type { RequestSession } from "./request-session";
import { decideRetry } from "./retry-decision";
import { awaitApproval, holdPendingSteps } from "./await-approval";
import type { StageMessage } from "./stage-message";

/**
 * The first stage of a migration request: its steps were fixed at intake by the path, so nothing is
 * diagnosed; the mailbox's user is resolved (the privilege guard and the standing policy judge the
 * account), then the same standing policy, approval and read-only rules as a fix decide whether the
 * steps run. Each step reads its own objects before it writes.
 */
export async function planMigration(message: StageMessage, session: RequestSession, tenant: OnboardedTenant, deps: RemediationDeps): Promise<void> {
  const record = session.record;
  const gw = deps.gateways.forTenant(record.tenantId);
  let interactiveSignIns: InteractiveSignIns | undefined;
  const steps = record.steps.map((s) => s.name);
  try {
    // Both halves of the account: the standing policy matches a device only where Graph and Exchange agree.
    const [user, cas] = await Promise.all([gw.graph.getUser(record.mailbox), gw.exchange.getCasMailbox(record.mailbox)]);
    if (!user) {
      record.attention = { reason: `No Entra user ${record.mailbox} in tenant ${record.tenantId}: check the address.`, guidance: [], causes: ["mailbox-not-found"] };
      holdPendingSteps(record.steps, "Not applied: the mailbox was not found.");
      return await session.finish("needs-attention", record.attention.reason);
    }
    record.userId = user.id;
    record.account = accountOf(user, cas);
    interactiveSignIns = await interactiveSignInsIfAutomatic(record, steps, tenant, gw.graph, deps);
  } catch (e) {
    const decision = decideRetry(e, message.attempt, deps.retry, deps.random, session.ageMs());
    if (decision.action === "retry") return session.enqueue("diagnose", "run", message.attempt + 1, decision.delayMs);
    return session.finish("failed", `Could not read ${record.mailbox}: ${decision.reason}`);
  }

  const target: StepTarget = { mailbox: record.mailbox, userId: record.userId ?? null, ...(record.migration ? { migration: record.migration } : {}) };
  record.diagnosis = { causes: [], unknownLayers: [] };
  // A run after an approval starts the plan afresh: the steps it holds are the path's, nothing else.
  record.steps = record.steps.map((s) => {
    const def = STEPS[s.name];
    return { name: s.name, status: "pending", attempts: 0, reason: STEP_DEFINITIONS[s.name].title.en, planned: { before: "read when the step runs", after: `${def.appliedValue}: ${def.subject(target)}` } };
  });
  const summary = reasonCode("event-diagnosed", { causes: "none", outcome: `migration to ${record.migration?.path}`, steps: steps.join(",") });
  await deps.events.append({ tenantId: record.tenantId, requestId: record.id, kind: "diagnosed", at: deps.now().toISOString(), ...coded(summary) });
  deps.log.info(`${record.mailbox}: ${englishReason(summary)}`);

  const readOnly = tenant.access === "read-only";
  const verdict = await authorisePlan(record, steps, tenant, deps, { reserve: record.mode === "apply" && !readOnly, interactiveSignIns });
  record.policyDecision = { verdict: verdict.kind, ...(verdict.kind === "await-approval" ? { reasons: verdict.reasons } : verdict.kind === "protected" ? { reasons: [verdict.reason] } : {}) };
  if (record.mode === "plan") return session.finish("planned");
  if (readOnly) return session.finish("planned", readOnlyReason(record.tenantId));
  if (verdict.kind === "protected") {
    record.attention = { reason: verdict.reason, guidance: [], causes: [] };
    holdPendingSteps(record.steps, "Not applied: the account is protected by the tenant's policy.");
    return session.finish("needs-attention", verdict.code);
  }
  if (verdict.kind === "await-approval") return awaitApproval(session, steps, verdict, tenant.policy.approvalHours, deps);
  const first = record.steps[0];
  if (!first) return session.finish("succeeded", reasonCode("nothing-to-change"));
  await session.enqueue(first.name, "run", 1);
  await deps.notify(record, "accepted");
}
