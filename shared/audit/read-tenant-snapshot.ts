import { known, unknown } from "../domain/layer";
import type { Layer } from "../domain/layer";
import { isM365Error } from "../m365/m365-error";
import type { CasMailbox, ConditionalAccessPolicy, TenantGateways } from "../m365/m365-gateway";
import { readTenantPrivilege } from "../m365/read-privilege";
import { subjectKey } from "./exception-record";
import type { ExceptionRecord } from "./exception-record";
import { readMfaStates } from "./read-mfa-states";
import { tallySenders } from "./readiness";
import type { AuditedMailbox, ManagedBlock, SmtpSignInEvidence, TenantSnapshot } from "./tenant-snapshot";
import { MICROSOFT_MANAGED_POLICIES, microsoftManagedKey } from "../domain/microsoft-managed-policies";

export interface ReadSnapshotOptions {
  /** The tenant's exceptions: their subjects' mailboxes are kept whatever their state. */
  exceptions: readonly ExceptionRecord[];
  now: Date;
  /** How far back sign-in logs are read for evidence of SMTP AUTH use. */
  signInWindowDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads every layer the audit needs for one tenant. Tenant-wide layers are read once; the CAS
 * listing is streamed page by page and only mailboxes that can lead to a finding are kept. A read
 * that fails becomes an unknown layer with the reason; it never stops the other reads.
 */
export async function readTenantSnapshot(gateways: TenantGateways, options: ReadSnapshotOptions): Promise<TenantSnapshot> {
  const { graph, exchange } = gateways;
  const since = new Date(options.now.getTime() - (options.signInWindowDays ?? 30) * DAY_MS).toISOString();
  // One read per service first (together: Graph and Exchange tokens are separate), since
  // concurrent first calls to one service would each fetch a token of their own.
  const [securityDefaultsEnabled, orgSmtpAuthDisabled] = await Promise.all([
    attempt("reading security defaults", () => graph.getSecurityDefaultsEnabled()),
    attempt("reading the organisation SMTP AUTH flag", () => exchange.getOrgSmtpAuthDisabled()),
  ]);
  // The CAS listing (Exchange's 1–2 s a page) starts beside the other reads instead of after them;
  // it waits for the privileged roles only before it sorts its first page.
  const privilegedRead = readTenantPrivilege(gateways);
  const tenantReads = Promise.all([
    attempt("reading Conditional Access policies", () => graph.listConditionalAccessPolicies()),
    privilegedRead,
    attempt("reading SMTP AUTH sign-ins", async () => toEvidence(await graph.listSmtpSignIns(since), since)),
  ]);

  const subjects = new Set(options.exceptions.map((e) => subjectKey(e.subject)));
  const subjectUserIds = new Set(options.exceptions.flatMap((e) => (e.userId ? [e.userId] : [])));
  const mfaSubjects = options.exceptions.filter((e) => e.setting === "per-user-mfa");
  let mailboxCount = 0;
  let orgFollowerCount = 0;
  const mailboxes = await attempt("listing CAS mailboxes", async () => {
    const kept = new Map<string, AuditedMailbox>();
    let keep: ((m: CasMailbox) => boolean) | undefined;
    for await (const page of exchange.listCasMailboxes()) {
      keep ??= keeper(subjects, subjectUserIds, await privilegedRead);
      for (const m of page) {
        mailboxCount += 1;
        if (m.smtpClientAuthenticationDisabled === null) orgFollowerCount += 1;
        if (keep(m)) kept.set(subjectKey(m.primarySmtpAddress), toAudited(m));
      }
    }
    return kept;
  });
  const [caPolicies, privilegedRoles, smtpSignIns] = await tenantReads;

  const legacyAuthBlockingPolicies = caPolicies.known ? known(blockingPolicyNames(caPolicies.value)) : caPolicies;
  const microsoftManagedBlocks = caPolicies.known ? known(managedBlocks(caPolicies.value)) : caPolicies;
  // Who switched a managed block on matters only for a fixed sender it may re-block: read the log then alone.
  const mayReblock = microsoftManagedBlocks.known && microsoftManagedBlocks.value.length > 0 && options.exceptions.some((e) => e.setting === "mailbox-smtp-auth");
  // Security defaults back on under a security-defaults exception: the log may say who turned them on.
  const sdBackOn = securityDefaultsEnabled.known && securityDefaultsEnabled.value && options.exceptions.some((e) => e.setting === "security-defaults");
  const policyAudits = (mayReblock || sdBackOn) && graph.listPolicyAudits
    ? await attempt("reading the Entra directory audit log", () => graph.listPolicyAudits?.(since) ?? Promise.resolve([]))
    : undefined;

  // Per-user MFA matters only where an exception turned it off: read it for those users alone.
  const wanted = new Set<string>();
  for (const e of mfaSubjects) {
    const id = (mailboxes.known ? mailboxes.value.get(subjectKey(e.subject))?.userId : undefined) ?? e.userId;
    if (id) wanted.add(id);
  }
  const perUserMfa = mailboxes.known
    ? await attempt("reading per-user MFA states", () => readMfaStates(graph, wanted))
    : unknown<never>("per-user MFA was not read because the mailbox listing failed");

  return {
    tenantId: gateways.tenantId,
    readAt: options.now.toISOString(),
    securityDefaultsEnabled,
    orgSmtpAuthDisabled,
    legacyAuthBlockingPolicies,
    mailboxes,
    mailboxCount,
    orgFollowerCount,
    privilegedRoles,
    perUserMfa,
    smtpSignIns,
    microsoftManagedBlocks,
    ...(policyAudits ? { policyAudits } : {}),
  };
}

/**
 * Which listed mailboxes the snapshot keeps: SMTP AUTH on by their own flag, exception subjects and
 * privileged users. Followers of the org flag are counted, not kept: an open org flag is one tenant finding.
 */
function keeper(subjects: ReadonlySet<string>, subjectUserIds: ReadonlySet<string>, privilegedRoles: Layer<Map<string, Layer<string[]>>>): (m: CasMailbox) => boolean {
  const privileged = privilegedRoles.known ? privilegedRoles.value : new Map<string, Layer<string[]>>();
  return (m) => {
    if (m.smtpClientAuthenticationDisabled === false) return true;
    return subjects.has(subjectKey(m.primarySmtpAddress)) || subjectUserIds.has(m.externalDirectoryObjectId) || privileged.has(m.externalDirectoryObjectId);
  };
}

async function attempt<T>(what: string, read: () => Promise<T>): Promise<Layer<T>> {
  try {
    return known(await read());
  } catch (e) {
    return unknown(failureReason(what, e));
  }
}

/** A reason fit for a report: what failed and how, never a token or a raw response body. */
export function failureReason(what: string, e: unknown): string {
  if (!isM365Error(e)) return `${what} failed (${e instanceof Error ? e.name : "error"})`;
  const parts = [e.kind, e.status ? String(e.status) : undefined, e.code, e.permission ? `needs ${e.permission}` : undefined];
  return `${what} failed (${e.service} ${e.operation}: ${parts.filter(Boolean).join(", ")})`;
}

/** Microsoft-managed policies that block legacy authentication and are on. */
function managedBlocks(policies: readonly ConditionalAccessPolicy[]): ManagedBlock[] {
  return policies
    .filter((p) => p.state === "enabled" && MICROSOFT_MANAGED_POLICIES.some((m) => m.blocksLegacyAuth && microsoftManagedKey(p) === m.key))
    .map(({ id, displayName, createdDateTime, modifiedDateTime, includeUsers, excludeUsers, includeGroups, excludeGroups, includeRoles, excludeRoles }) => ({
      id, displayName, createdDateTime, modifiedDateTime, includeUsers, excludeUsers, includeGroups, excludeGroups, includeRoles, excludeRoles,
    }));
}

/** Enabled policies that block "other clients" (legacy auth, SMTP AUTH among them). */
function blockingPolicyNames(policies: readonly ConditionalAccessPolicy[]): string[] {
  return policies
    .filter((p) => p.state === "enabled" && p.builtInControls.includes("block"))
    .filter((p) => p.clientAppTypes.includes("other") || p.clientAppTypes.includes("all"))
    .map((p) => p.displayName);
}

function toEvidence(signIns: Awaited<ReturnType<TenantGateways["graph"]["listSmtpSignIns"]>>, since: string): SmtpSignInEvidence | null {
  if (signIns === null) return null;
  const lastSignIn = new Map<string, string>();
  const note = (key: string, at: string): void => {
    const seen = lastSignIn.get(key);
    if (!seen || seen < at) lastSignIn.set(key, at);
  };
  for (const s of signIns) {
    note(s.userId, s.createdDateTime);
    note(subjectKey(s.userPrincipalName), s.createdDateTime);
  }
  return { since, lastSignIn, senders: tallySenders(signIns) };
}

function toAudited(m: CasMailbox): AuditedMailbox {
  return {
    userId: m.externalDirectoryObjectId,
    address: subjectKey(m.primarySmtpAddress),
    identity: m.identity,
    smtpAuthDisabled: m.smtpClientAuthenticationDisabled,
  };
}
