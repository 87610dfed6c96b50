import { STEPS } from "./cause-definition";
import { CAUSES, NEVER_WEAKEN } from "./causes";
import { UNMENTIONED, type DiagnosedCause, type Diagnosis } from "./diagnose";
import type { LayerField } from "./live-checks";
import type { MailboxState } from "./mailbox-state";
import { earliestEnforcement } from "./microsoft-managed-policies";
import { layerLabel, message } from "./plan-messages";
import { privilegeRefusal } from "./privilege-guard";
import { stepNeeded } from "./step-needed";
import { STEP_NAMES, type CauseId, type Locale, type StepName, type TenantPolicy } from "./types";

/** A step the plan applies, in seed order. */
export interface PlannedStep {
  name: StepName;
  reason: string;
  risk: string;
}

/** Why a step that the state calls for is not applied. */
export type RefusalCode = "privileged-user" | "privilege-unknown" | "tenant-wide-not-allowed" | "would-not-help" | "state-unknown";

/** A step left out on purpose, with the reason a person reads. */
export interface RefusedStep {
  step: StepName;
  reason: string;
  code: RefusalCode;
}

/** What a person must do when the plan stops. */
export interface Attention {
  reason: string;
  guidance: string[];
  causes: CauseId[];
}

/** The smallest safe plan for one mailbox. JSON-serialisable. */
export interface RemediationPlan {
  outcome: "apply" | "nothing-to-do" | "needs-attention";
  steps: PlannedStep[];
  refused: RefusedStep[];
  /** Steps that would be fine alone but are not applied because the plan stops for a person. */
  heldBack: StepName[];
  attention: Attention | null;
  /** Risks and unread layers worth knowing that do not change the outcome. */
  notes: string[];
  locale: Locale;
}

// Refusals that stop the plan; "would-not-help" only explains why a wrong setting is left alone.
const STOPPING: ReadonlySet<RefusalCode> = new Set(["privileged-user", "privilege-unknown", "tenant-wide-not-allowed", "state-unknown"]);
// Text-only confidence at which a cause counts as established (a specific Microsoft reply) or likely.
export const ESTABLISHED_TEXT = 0.8;
const LIKELY_TEXT = 0.5;

const established = (c: DiagnosedCause): boolean =>
  c.verdict === "confirmed" || (c.verdict === "possible" && c.confidence >= ESTABLISHED_TEXT);
const likely = (c: DiagnosedCause): boolean => established(c) || (c.verdict === "possible" && c.confidence >= LIKELY_TEXT);
const inSeedOrder = (steps: Iterable<StepName>): StepName[] => STEP_NAMES.filter((s) => new Set(steps).has(s));
const titles = (ids: CauseId[], locale: Locale): string => ids.map((id) => CAUSES[id].title[locale]).join("; ");

function stepLayer(step: StepName, state: MailboxState): LayerField {
  if (step === "disable-security-defaults") return "securityDefaultsEnabled";
  if (step === "disable-per-user-mfa") return "perUserMfaState";
  return state.mailboxSmtpAuthDisabled.known ? "orgSmtpAuthDisabled" : "mailboxSmtpAuthDisabled";
}

function guardrail(step: StepName, state: MailboxState, policy: TenantPolicy): RefusedStep | null {
  const locale = policy.locale;
  if (step === "disable-security-defaults" && !policy.allowTenantWideChanges) {
    return { step, code: "tenant-wide-not-allowed", reason: message("tenantWideNotAllowed", locale) };
  }
  const refusal = privilegeRefusal(step, state.privilegedRoles, locale);
  return refusal ? { step, ...refusal } : null;
}

function actionFor(refusal: RefusedStep, locale: Locale): string | null {
  if (refusal.code === "tenant-wide-not-allowed") return message("tenantWideNotAllowedAction", locale);
  if (refusal.code === "privileged-user") return message("privilegedUserAction", locale);
  if (refusal.code === "state-unknown" || refusal.code === "privilege-unknown") return message("stateUnknownAction", locale);
  return null;
}

/** Steps whose setting is wrong but which cannot help an OAuth client. */
function oauthRefusals(diagnosis: Diagnosis, state: MailboxState, locale: Locale): RefusedStep[] {
  if (diagnosis.authMethod !== "oauth") return [];
  const basicOnly: StepName[] = ["disable-security-defaults", "disable-per-user-mfa"];
  return basicOnly.filter((s) => stepNeeded(s, state) === true).map((step) => ({ step, code: "would-not-help", reason: message("oauthClient", locale) }));
}

function stop(base: Omit<RemediationPlan, "outcome" | "steps" | "attention">, attention: Attention): RemediationPlan {
  return { ...base, outcome: "needs-attention", steps: [], attention: { ...attention, guidance: [...new Set(attention.guidance)] } };
}

/**
 * Decisions (why the planner stops where it does):
 * - A confirmed cause no step fixes (CA policy, auth policy, disabled/unlicensed/missing account) or a
 *   specific server reply that says so (wrong credentials, locked, 5.7.30, TLS, sender) means the steps
 *   would weaken the tenant for nothing: apply nothing, stop for a person, list the wrong settings as
 *   "would-not-help".
 * - A guardrail refusal (privileged user, tenant-wide change not allowed, layer unread) stops the whole
 *   plan: the remaining steps alone would not make SMTP AUTH work, so they are held back, not applied.
 * - Per-user MFA "enabled" is not a blocker today; it is noted as a risk and left alone.
 * - An unread layer only stops the plan when the error text points at it (or there is no text); an
 *   unread blocker layer next to a confirmed, mailbox-scoped fix is noted, and the fix goes ahead.
 * - The never-weaken rule (OAuth, TLS mode/cipher, not-smtp-auth; causes.ts NEVER_WEAKEN):
 *   1. such a cause never contributes a step (it has no fix step), so a weakening step still needs a
 *      cause of its own confirmed from the live state;
 *   2. when the report establishes one (a specific reply or code, confidence >= 0.8, or a live
 *      confirmation), nothing is weakened even if the live state also shows a wrong setting: that
 *      setting is not why this reply came, whatever other text the report carries;
 *   3. when the report only suggests one (a generic 535 5.7.3 from an XOAUTH2 client), a setting the
 *      live state confirms wrong is still fixed: OAuth SMTP needs SMTP AUTH on for the mailbox too.
 */

/**
 * Turns a diagnosis into the smallest safe plan: only steps that fix a confirmed cause and still
 * change something, in seed order. It applies nothing when a confirmed blocker would still block,
 * when a guardrail refuses a needed step, or when the layers it depends on could not be read.
 */
export function planRemediation(diagnosis: Diagnosis, state: MailboxState, policy: TenantPolicy): RemediationPlan {
  const locale = policy.locale;
  const notes: string[] = [];
  if (state.perUserMfaState.known && state.perUserMfaState.value === "enabled") notes.push(message("mfaEnabledRisk", locale));
  // A Microsoft-managed block still reporting will switch itself on: a fix made now breaks then.
  for (const p of state.pendingManagedBlocks ?? []) {
    const created = p.microsoftManaged?.createdDateTime ?? null;
    notes.push(message("managedBlockPending", locale, { policy: p.displayName, created: created?.slice(0, 10) ?? "—", earliest: (created && earliestEnforcement(created)) ?? "—" }));
  }

  const confirmedFixes = diagnosis.causes.filter((c) => c.verdict === "confirmed" && c.fixStep !== null);
  const candidates = inSeedOrder(confirmedFixes.map((c) => c.fixStep as StepName)).filter((s) => stepNeeded(s, state) === true);
  const refused: RefusedStep[] = oauthRefusals(diagnosis, state, locale);
  const base = { refused, heldBack: [] as StepName[], notes, locale };

  const blockers = diagnosis.causes.filter((c) => established(c) && (CAUSES[c.id].blocksAfterSteps || NEVER_WEAKEN.has(c.id))).map((c) => c.id);
  if (blockers.length > 0) {
    for (const step of candidates) refused.push({ step, code: "would-not-help", reason: message("stillBlocked", locale, { causes: titles(blockers, locale) }) });
    // What was found live comes first (which policy, which account state), then what to do about it.
    const found = diagnosis.causes
      .filter((c) => blockers.includes(c.id) && c.verdict === "confirmed")
      .flatMap((c) => c.evidence.filter((e) => !e.startsWith("error text:")))
      .map((evidence) => message("foundLive", locale, { evidence }));
    const guidance = [...found, ...blockers.flatMap((id) => CAUSES[id].guidance[locale])];
    return stop(base, { reason: message("needsPerson", locale, { causes: titles(blockers, locale) }), guidance, causes: blockers });
  }

  const guarded = candidates.map((step) => guardrail(step, state, policy)).filter((r): r is RefusedStep => r !== null);
  const unreadFixes = diagnosis.causes.filter((c) => c.verdict === "unknown" && c.fixStep !== null && c.confidence > UNMENTIONED);
  const unreadSteps = inSeedOrder(unreadFixes.map((c) => c.fixStep as StepName)).filter((s) => !candidates.includes(s));
  const unreadRefusals: RefusedStep[] = unreadSteps.map((step) => ({
    step,
    code: "state-unknown",
    reason: message("stateUnknown", locale, { layer: layerLabel(stepLayer(step, state), locale) }),
  }));
  refused.push(...guarded, ...unreadRefusals);

  const stopping = refused.filter((r) => STOPPING.has(r.code));
  if (stopping.length > 0) {
    base.heldBack = candidates.filter((s) => !stopping.some((r) => r.step === s));
    const causes = [...new Set([...confirmedFixes, ...unreadFixes].filter((c) => stopping.some((r) => r.step === c.fixStep)).map((c) => c.id))];
    const guidance = stopping.map((r) => actionFor(r, locale)).filter((g): g is string => g !== null);
    return stop(base, { reason: message("refusedReason", locale, { reasons: stopping.map((r) => r.reason).join(" ") }), guidance, causes });
  }

  const unreadPlayers = diagnosis.causes.filter((c) => c.verdict === "unknown" && c.confidence > UNMENTIONED);
  const unreadLabels = diagnosis.unread.filter((u) => u.layer !== "privilegedRoles").map((u) => layerLabel(u.layer, locale));
  if (candidates.length > 0) {
    if (unreadLabels.length > 0) notes.push(message("unreadNote", locale, { layers: unreadLabels.join(", ") }));
    const steps = candidates.map((name) => {
      const why = confirmedFixes.filter((c) => c.fixStep === name);
      return { name, reason: why.map((c) => `${CAUSES[c.id].title[locale]}: ${c.evidence[0] ?? ""}`).join("; "), risk: STEPS[name].risk[locale] };
    });
    return { ...base, outcome: "apply", steps, attention: null };
  }

  if (unreadPlayers.length > 0) {
    const guidance = [message("stateUnknownAction", locale)];
    return stop(base, { reason: message("couldNotRead", locale, { layers: unreadLabels.join(", ") }), guidance, causes: unreadPlayers.map((c) => c.id) });
  }
  // Every setting is right, yet it fails: the likeliest explanation is one a person must handle.
  const elsewhere = diagnosis.causes.filter((c) => likely(c) && c.fixStep === null && c.id !== "unknown").map((c) => c.id);
  if (elsewhere.length > 0) {
    const guidance = elsewhere.flatMap((id) => CAUSES[id].guidance[locale]);
    return stop(base, { reason: message("needsPerson", locale, { causes: titles(elsewhere, locale) }), guidance, causes: elsewhere });
  }
  notes.push(message("nothingToDo", locale));
  return { ...base, outcome: "nothing-to-do", steps: [], attention: null };
}
