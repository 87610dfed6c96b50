import { isVerificationOpen, judgeVerification, unavailableVerification, verificationChanged } from "../domain/verification";
import { appMetrics } from "../telemetry/metrics";
import { inSpan } from "../telemetry/tracing";
import { inWork } from "../telemetry/work-tally";
import type { ObservedSignIn, Verification } from "../domain/verification";
import { failureReason } from "../audit/read-tenant-snapshot";
import type { AppSignIn, SmtpSignIn } from "../m365/m365-gateway";
import { hveAccountFor } from "../domain/migration-plan";
import { isConcurrentUpdate } from "../store/request-store";
import type { VersionedRecord } from "../store/request-store";
import type { RemediationDeps, RemediationMilestone } from "./remediation-deps";
import type { RemediationRecord } from "./remediation-record";

export interface VerifyFixesOptions {
  /** VERIFY_POLL_SECONDS in ms: a tenant's log is read at most about once per this. */
  pollMs: number;
}

export interface VerifyFixesResult {
  /** Tenants with an open verification, and how many of them had their log read. */
  tenants: number;
  queries: number;
  checked: number;
  changed: number;
}

/** Get-MessageTraceV2 returns at most 10 days per query. */
const TRACE_SPAN_MS = 10 * 86_400_000;
const NO_SIGN_IN_LOGS = "the tenant has no sign-in logs (they need Entra ID P1), so the device's sign-ins cannot be seen";

/** The ticket hears these moments, once each (the note id carries the kind). */
const MILESTONE_BY_STATUS: Partial<Record<Verification["status"], RemediationMilestone>> = {
  confirmed: "verified",
  failing: "verification-failing",
  "not-seen": "not-seen",
};

/** A read that comes a little early (timer jitter, a manual run) still counts as on time. */
const POLL_SLACK = 0.8;

/**
 * The verification timer's work: every request whose fix waits for the device's next sign-in is
 * checked against its tenant's log, with ONE sign-in query per tenant per check whatever the number of
 * requests. A read that fails leaves the requests waiting (unknown is not a verdict) for the next run.
 */
export function verifyFixes(deps: Pick<RemediationDeps, "requests" | "events" | "gateways" | "notify" | "now" | "log">, options: VerifyFixesOptions): Promise<VerifyFixesResult> {
  return inSpan("verify fixes", {}, () => inWork("verification", () => verifyOpenFixes(deps, options)));
}

async function verifyOpenFixes(deps: Pick<RemediationDeps, "requests" | "events" | "gateways" | "notify" | "now" | "log">, options: VerifyFixesOptions): Promise<VerifyFixesResult> {
  const byTenant = new Map<string, VersionedRecord[]>();
  for await (const found of deps.requests.listOpenVerifications()) {
    if (!found.record.verification || !isVerificationOpen(found.record.verification)) continue;
    byTenant.set(found.record.tenantId, [...(byTenant.get(found.record.tenantId) ?? []), found]);
  }
  const result: VerifyFixesResult = { tenants: byTenant.size, queries: 0, checked: 0, changed: 0 };
  for (const [tenantId, requests] of byTenant) {
    const now = deps.now();
    const due = requests.some(({ record }) => now.getTime() - Date.parse(record.verification!.checkedAt) >= options.pollMs * POLL_SLACK);
    if (!due) continue;
    const since = requests.map(({ record }) => record.verification!.since).sort()[0]!;
    let signIns: SmtpSignIn[] | null;
    try {
      result.queries++;
      signIns = await deps.gateways.forTenant(tenantId).graph.listSmtpSignIns(since);
    } catch (e) {
      deps.log.warn(`Verification: ${failureReason(`reading the sign-in log of tenant ${tenantId}`, e)}; its ${requests.length} request(s) stay waiting.`);
      continue;
    }
    const byUser = indexByUser(signIns ?? []);
    let byApp: Map<string, ObservedSignIn[]> | null = null;
    if (signIns !== null && requests.some(({ record }) => record.migration?.path === "oauth-app")) {
      try {
        result.queries++;
        byApp = indexByApp((await deps.gateways.forTenant(tenantId).graph.listServicePrincipalSignIns?.(since)) ?? []);
      } catch (e) {
        deps.log.warn(`Verification: ${failureReason(`reading the app sign-ins of tenant ${tenantId}`, e)}; its oauth-app moves stay waiting.`);
      }
    }
    for (const found of requests) {
      const current = found.record.verification!;
      const path = found.record.migration?.path;
      if (path === "oauth-app" && !byApp && signIns !== null) continue;
      let next: Verification;
      if (path === "relay-connector") {
        // A connector's relay is anonymous: no sign-in shows it, the message trace does (one read per sender IP).
        const traced = await messagesFrom(deps, tenantId, found.record.migration?.senderIp ?? "", current.since, now);
        result.queries++;
        if (!traced) continue;
        next = judgeVerification(current, traced, now);
      } else {
        next = signIns === null
          ? unavailableVerification(current, NO_SIGN_IN_LOGS, now)
          : judgeVerification(current, path === "oauth-app" ? byApp?.get(found.record.migration?.appId ?? "") ?? [] : signInsOf(byUser, found.record), now);
      }
      result.checked++;
      if (await save(deps, found, current, next)) result.changed++;
    }
  }
  return result;
}

/**
 * Closes a tenant's waiting fixes as `unavailable` with the reason (offboarding: its log is not read
 * again), on the trail and to the ticket like any verdict. Returns how many were closed.
 */
export async function closeOpenVerifications(deps: Pick<RemediationDeps, "requests" | "events" | "notify" | "now" | "log">, tenantId: string, reason: string): Promise<number> {
  let closed = 0;
  for await (const found of deps.requests.listOpenVerifications()) {
    const current = found.record.verification;
    if (found.record.tenantId !== tenantId || !current || !isVerificationOpen(current)) continue;
    if (await save(deps, found, current, unavailableVerification(current, reason, deps.now()))) closed++;
  }
  return closed;
}

function indexByUser(signIns: readonly SmtpSignIn[]): Map<string, ObservedSignIn[]> {
  const index = new Map<string, ObservedSignIn[]>();
  for (const s of signIns) {
    const observed = { at: s.createdDateTime, ipAddress: s.ipAddress, errorCode: s.errorCode };
    for (const key of new Set([s.userPrincipalName.toLowerCase(), s.userId.toLowerCase()])) {
      if (key) index.set(key, [...(index.get(key) ?? []), observed]);
    }
  }
  return index;
}

/** Messages Exchange took from the sender's IP since the move (each one "delivered" or on its way), or null when the trace could not be read. */
async function messagesFrom(deps: Pick<RemediationDeps, "gateways" | "log">, tenantId: string, senderIp: string, since: string, now: Date): Promise<ObservedSignIn[] | null> {
  const from = new Date(Math.max(Date.parse(since), now.getTime() - TRACE_SPAN_MS)).toISOString();
  try {
    const messages = (await deps.gateways.forTenant(tenantId).migration?.listMessagesFrom(senderIp, from, now.toISOString())) ?? [];
    return messages.filter((m) => m.status !== "Failed").map((m) => ({ at: m.received, ipAddress: m.fromIp, errorCode: 0 }));
  } catch (e) {
    deps.log.warn(`Verification: ${failureReason(`reading the message trace of tenant ${tenantId}`, e)}; its connector moves stay waiting.`);
    return null;
  }
}

function indexByApp(signIns: readonly AppSignIn[]): Map<string, ObservedSignIn[]> {
  const index = new Map<string, ObservedSignIn[]>();
  for (const s of signIns) index.set(s.appId, [...(index.get(s.appId) ?? []), { at: s.createdDateTime, ipAddress: s.ipAddress, errorCode: s.errorCode }]);
  return index;
}

/** The sign-ins that judge a request: the mailbox's, or for a move to HVE the new account's. */
function signInsOf(index: Map<string, ObservedSignIn[]>, record: RemediationRecord): ObservedSignIn[] {
  if (record.migration?.path === "high-volume-email") return index.get(hveAccountFor(record.mailbox)) ?? [];
  const byUpn = index.get(record.mailbox.toLowerCase()) ?? [];
  const byId = record.userId ? index.get(record.userId.toLowerCase()) ?? [] : [];
  return byUpn.length >= byId.length ? byUpn : byId;
}

/** Saves the new verification; a change goes on the trail and to the ticket. False when nothing changed or someone else saved first. */
async function save(deps: Pick<RemediationDeps, "requests" | "events" | "notify" | "log">, found: VersionedRecord, before: Verification, after: Verification): Promise<boolean> {
  const record: RemediationRecord = { ...found.record, verification: after };
  try {
    await deps.requests.update(record, found.etag, found.record.status);
  } catch (e) {
    if (isConcurrentUpdate(e)) return false;
    throw e;
  }
  if (!verificationChanged(before, after)) return false;
  appMetrics().verificationOutcomes.add(1, { status: after.status });
  const detail = after.signIn ? `sign-in at ${after.signIn.at} from ${after.signIn.ipAddress}${after.signIn.errorCode ? `, error ${after.signIn.errorCode} (${after.cause})` : ""}` : after.reason;
  await deps.events.append({ tenantId: record.tenantId, requestId: record.id, kind: "verification-changed", at: after.checkedAt, before: before.status, after: after.status, ...(detail ? { detail } : {}) });
  deps.log.info(`${record.mailbox}: request ${record.id} verification ${before.status} → ${after.status}${detail ? ` (${detail})` : ""}`);
  const milestone = MILESTONE_BY_STATUS[after.status];
  if (milestone) await deps.notify(record, milestone);
  return true;
}
