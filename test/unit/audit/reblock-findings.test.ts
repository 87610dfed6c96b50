import { describe, expect, it } from "vitest";
import { computeFindings } from "../../../shared/audit/compute-findings";
import type { ManagedBlock, TenantSnapshot } from "../../../shared/audit/tenant-snapshot";
import { known, unknown } from "../../../shared/domain/layer";
import type { PolicyAudit } from "../../../shared/m365/m365-gateway";
import { NOW, exception, mailbox, snapshot } from "./support/audit-fixtures";

const block = (parts: Partial<ManagedBlock> = {}): ManagedBlock => ({
  id: "mm-block",
  displayName: "Block legacy authentication",
  createdDateTime: "2026-10-01T08:00:00Z",
  modifiedDateTime: "2026-11-16T02:10:00Z",
  includeUsers: ["All"],
  excludeUsers: [],
  includeGroups: [],
  excludeGroups: [],
  includeRoles: [],
  excludeRoles: [],
  ...parts,
});
const switchedOn = (by: string | null): PolicyAudit => ({ activityDateTime: "2026-11-16T02:10:00Z", activity: "Update conditional access policy", targets: [{ id: "mm-block", displayName: "Block legacy authentication" }], initiatedBy: by });

/** A fixed printer (SMTP AUTH on under a live exception) in a tenant with the given managed blocks and audit log. */
function fixedPrinter(extra: Partial<TenantSnapshot>) {
  const s = { ...snapshot({ mailboxes: [mailbox("printer@x.com", false)], blockingPolicies: ["Block legacy authentication"] }), ...extra };
  return computeFindings(s, [exception("printer@x.com")], NOW);
}

describe("audit: a fixed sender re-blocked by a Microsoft-managed policy", () => {
  it("names the policy, its report-only → on dates and who switched it on when the directory audit log shows it", () => {
    const r = fixedPrinter({ microsoftManagedBlocks: known([block()]), policyAudits: known([switchedOn("Microsoft Managed Policy Manager")]) });
    const found = r.findings.filter((f) => f.type === "reblocked-by-microsoft-policy");
    expect(found.map((f) => f.subject)).toEqual(["printer@x.com"]);
    expect(found[0]?.detail).toContain("Re-blocked by a Microsoft-managed policy");
    expect(found[0]?.detail).toContain("introduced in report-only on 2026-10-01");
    expect(found[0]?.detail).toContain("no sooner than 2026-11-15");
    expect(found[0]?.detail).toContain("switched on by Microsoft Managed Policy Manager on 2026-11-16");
    expect(found[0]?.ticket).toEqual({ system: "zendesk", id: "Z-printer@x.com" });
  });

  it("names a person who switched it on, and says unknown when the log shows no change or could not be read", () => {
    const byAdmin = fixedPrinter({ microsoftManagedBlocks: known([block()]), policyAudits: known([switchedOn("admin@x.com")]) });
    expect(byAdmin.findings.find((f) => f.type === "reblocked-by-microsoft-policy")?.detail).toContain("switched on by admin@x.com");
    const silent = fixedPrinter({ microsoftManagedBlocks: known([block()]), policyAudits: known([]) });
    expect(silent.findings.find((f) => f.type === "reblocked-by-microsoft-policy")?.detail).toContain("who switched it on is unknown");
    const unread = fixedPrinter({ microsoftManagedBlocks: known([block()]), policyAudits: unknown("Graph 403 needs AuditLog.Read.All") });
    expect(unread.findings.find((f) => f.type === "reblocked-by-microsoft-policy")?.detail).toContain("who switched it on is unknown: Graph 403 needs AuditLog.Read.All");
  });

  it("finds nothing when the sender is excluded, the fix was turned back, or no managed block is on", () => {
    expect(fixedPrinter({ microsoftManagedBlocks: known([block({ excludeUsers: ["id-printer@x.com"] })]) }).findings.map((f) => f.type)).not.toContain("reblocked-by-microsoft-policy");
    expect(fixedPrinter({ microsoftManagedBlocks: known([]) }).findings.map((f) => f.type)).not.toContain("reblocked-by-microsoft-policy");
    const reverted = computeFindings(
      { ...snapshot({ mailboxes: [mailbox("printer@x.com", true)] }), microsoftManagedBlocks: known([block()]) },
      [exception("printer@x.com")],
      NOW,
    );
    expect(reverted.findings.map((f) => f.type)).toEqual(["reverted-fix"]);
  });

  it("says it could not check, never a finding, when the policies or the scope cannot be read", () => {
    const unread = fixedPrinter({ microsoftManagedBlocks: unknown("Graph 403") });
    expect(unread.findings.map((f) => f.type)).not.toContain("reblocked-by-microsoft-policy");
    expect(unread.unknown).toContainEqual({ type: "reblocked-by-microsoft-policy", subject: "printer@x.com", reason: "Graph 403" });
    const byGroup = fixedPrinter({ microsoftManagedBlocks: known([block({ excludeGroups: ["g-break-glass"] })]) });
    expect(byGroup.unknown.map((u) => u.type)).toContain("reblocked-by-microsoft-policy");
  });

  it("names who turned security defaults back on for a reverted security-defaults fix, or says it is unknown", () => {
    const sdChange: PolicyAudit = { activityDateTime: "2026-11-20T09:00:00Z", activity: "Update policy", targets: [{ id: "00000000-0000-0000-0000-000000000005", displayName: "Security Defaults" }], initiatedBy: "admin@x.com" };
    const sd = exception("tenant", { setting: "security-defaults", valueApplied: "false" });
    const withLog = computeFindings({ ...snapshot({ securityDefaultsEnabled: true }), policyAudits: known([sdChange]) }, [sd], NOW);
    expect(withLog.findings.find((f) => f.type === "reverted-fix")?.detail).toContain("Security defaults: switched on by admin@x.com on 2026-11-20");
    const silent = computeFindings({ ...snapshot({ securityDefaultsEnabled: true }), policyAudits: known([]) }, [sd], NOW);
    expect(silent.findings.find((f) => f.type === "reverted-fix")?.detail).toContain("who switched it on is unknown");
  });
});
