import { describe, expect, it } from "vitest";
import { buildReadiness } from "../../../shared/audit/build-readiness";
import type { SenderTally } from "../../../shared/audit/readiness";
import type { TenantSnapshot } from "../../../shared/audit/tenant-snapshot";
import { known, unknown, type Layer } from "../../../shared/domain/layer";

const NOW = new Date("2026-11-30T06:00:00Z");

function tally(upn: string, userId: string): SenderTally {
  return { upn, userId, signIns: 3, lastSuccessAt: "2026-11-29T08:00:00Z", ipAddresses: new Set(["203.0.113.7"]) };
}

function snapshot(privilegedRoles: TenantSnapshot["privilegedRoles"]): TenantSnapshot {
  const senders = new Map([tally("admin@contoso.com", "u-admin"), tally("hidden@contoso.com", "u-hidden"), tally("scanner@contoso.com", "u-scanner")].map((t) => [t.upn, t]));
  return {
    tenantId: "contoso",
    readAt: NOW.toISOString(),
    securityDefaultsEnabled: known(false),
    orgSmtpAuthDisabled: known(true),
    legacyAuthBlockingPolicies: known([]),
    mailboxes: known(new Map()),
    mailboxCount: 3,
    orgFollowerCount: 0,
    privilegedRoles,
    perUserMfa: known(new Map()),
    smtpSignIns: known({ since: "2026-10-31T06:00:00Z", lastSignIn: new Map(), senders }),
  };
}

const privilegeOf = (snap: TenantSnapshot) => Object.fromEntries(buildReadiness(snap, [], "run-1", NOW).senders.map((s) => [s.upn, s.privileged]));

describe("buildReadiness: privileged senders, fail closed", () => {
  it("marks a holder privileged, a user whose roles could not be judged unknown, and everyone else not privileged", () => {
    const roles = new Map<string, Layer<string[]>>([
      ["u-admin", known(["Global Administrator (eligible)"])],
      ["u-hidden", unknown("a role came back without its definition: grant RoleManagement.Read.Directory")],
    ]);
    expect(privilegeOf(snapshot(known(roles)))).toEqual({ "admin@contoso.com": true, "hidden@contoso.com": "unknown", "scanner@contoso.com": false });
  });

  it("says unknown for every sender when the tenant's roles could not be read", () => {
    expect(new Set(Object.values(privilegeOf(snapshot(unknown("roleManagement read denied"))))))
      .toEqual(new Set(["unknown"]));
  });
});
