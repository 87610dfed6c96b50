import { earliestEnforcement } from "../domain/microsoft-managed-policies";
import type { Layer } from "../domain/layer";
import type { PolicyAudit } from "../m365/m365-gateway";
import { whoChanged } from "./who-changed";
import type { AuditView } from "./audit-view";
import { SEVERITY_OF } from "./finding";
import type { FindingDraft, UnknownEntry } from "./finding";
import { effectiveSmtpAuthOn } from "./tenant-snapshot";
import type { ManagedBlock } from "./tenant-snapshot";

type Covers = "yes" | "no" | "cannot-tell";

/** Whether a managed block's user scope takes in the user; groups and roles are not read by the audit. */
function covers(block: ManagedBlock, userId: string): Covers {
  const has = (ids: readonly string[]) => ids.some((i) => i.toLowerCase() === userId.toLowerCase());
  if (has(block.excludeUsers)) return "no";
  if (block.excludeGroups.length > 0 || block.excludeRoles.length > 0) return "cannot-tell";
  if (block.includeUsers.includes("All") || has(block.includeUsers)) return "yes";
  return block.includeGroups.length > 0 || block.includeRoles.length > 0 ? "cannot-tell" : "no";
}

/** Who switched the policy on, from Entra's directory audit log, or why that is unknown. */
function whoSwitchedItOn(block: ManagedBlock, audits: Layer<PolicyAudit[]> | undefined): string {
  return whoChanged((t) => t.id === block.id, audits);
}

function dates(block: ManagedBlock): string {
  if (!block.createdDateTime) return "introduced in report-only (date not shown)";
  return `introduced in report-only on ${block.createdDateTime.slice(0, 10)}, which Microsoft turns on no sooner than ${earliestEnforcement(block.createdDateTime) ?? "45 days later"}`;
}

/**
 * A fixed sender (a live mailbox SMTP AUTH exception whose setting still holds) that a Microsoft-managed
 * legacy-auth block now covers: the device fails again though nobody here changed the fix.
 */
export function reblockFindings(view: AuditView, out: { findings: FindingDraft[]; unknown: UnknownEntry[] }): void {
  const blocks = view.snapshot.microsoftManagedBlocks;
  if (!blocks) return;
  for (const { record, live } of view.governingExceptions()) {
    if (!live || record.setting !== "mailbox-smtp-auth") continue;
    const subject = view.subjectOf(record);
    if (!blocks.known) {
      out.unknown.push({ type: "reblocked-by-microsoft-policy", subject, reason: blocks.reason });
      continue;
    }
    const mailbox = view.mailboxOf(record);
    const userId = mailbox?.userId ?? record.userId;
    if (!mailbox || !userId) continue;
    const on = effectiveSmtpAuthOn(mailbox, view.snapshot.orgSmtpAuthDisabled);
    if (!on.known || !on.value) continue; // a fix turned back is reverted-fix's business
    for (const block of blocks.value) {
      const scope = covers(block, userId);
      if (scope === "cannot-tell") {
        out.unknown.push({ type: "reblocked-by-microsoft-policy", subject, reason: `"${block.displayName}" is on and scoped by groups or roles the audit does not read` });
        continue;
      }
      if (scope === "no") continue;
      out.findings.push({
        type: "reblocked-by-microsoft-policy",
        subject,
        severity: SEVERITY_OF["reblocked-by-microsoft-policy"],
        detail: `Re-blocked by a Microsoft-managed policy: "${block.displayName}" (${block.id}) blocks legacy authentication for this fixed sender; ${dates(block)}; ${whoSwitchedItOn(block, view.snapshot.policyAudits)}. Exclude the account from the policy or move the sender off basic auth.`,
        exceptionId: record.id,
        setting: record.setting,
        ...(record.ticket ? { ticket: record.ticket } : {}),
      });
    }
  }
}
