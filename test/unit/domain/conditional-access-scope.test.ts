import { describe, expect, it } from "vitest";
import {
  blocksLegacyAuth,
  evaluateLegacyAuthBlocking,
  userScope,
} from "../../../shared/domain/conditional-access-scope";
import type { CaPolicyScope, CaSubject } from "../../../shared/domain/conditional-access-scope";

const policy = (over: Partial<CaPolicyScope> = {}): CaPolicyScope => ({
  id: "p1",
  displayName: "Block legacy authentication",
  state: "enabled",
  clientAppTypes: ["exchangeActiveSync", "other"],
  builtInControls: ["block"],
  includeUsers: ["All"],
  excludeUsers: [],
  includeGroups: [],
  excludeGroups: [],
  includeRoles: [],
  excludeRoles: [],
  ...over,
});
const user: CaSubject = { userId: "u1", groupIds: ["g1"], roleTemplateIds: [] };

describe("blocksLegacyAuth", () => {
  it("blocks when enabled, granting block, for other clients", () => {
    expect(blocksLegacyAuth(policy())).toBe(true);
  });

  it("does not block in report-only mode", () => {
    expect(blocksLegacyAuth(policy({ state: "enabledForReportingButNotEnforced" }))).toBe(false);
  });

  it("does not block when it only requires MFA", () => {
    expect(blocksLegacyAuth(policy({ builtInControls: ["mfa"] }))).toBe(false);
  });

  it("does not block when it targets only browsers", () => {
    expect(blocksLegacyAuth(policy({ clientAppTypes: ["browser"] }))).toBe(false);
  });

  it("blocks when it targets all client apps", () => {
    expect(blocksLegacyAuth(policy({ clientAppTypes: ["all"] }))).toBe(true);
  });
});

describe("userScope", () => {
  it("puts a user excluded by id out of scope even when All is included", () => {
    expect(userScope(policy({ excludeUsers: ["u1"] }), user)).toBe("out");
  });

  it("puts a user excluded through a group out of scope", () => {
    expect(userScope(policy({ excludeGroups: ["g1"] }), user)).toBe("out");
  });

  it("includes a user through a role template id", () => {
    const admin: CaSubject = { ...user, roleTemplateIds: ["62e90394-69f5-4237-9190-012177145e10"] };
    const p = policy({ includeUsers: [], includeRoles: ["62e90394-69f5-4237-9190-012177145e10"] });
    expect(userScope(p, admin)).toBe("in");
  });

  it("leaves a user out when the policy names other users only", () => {
    expect(userScope(policy({ includeUsers: ["u2"] }), user)).toBe("out");
  });

  it("cannot tell when a group exclusion hinges on memberships not read", () => {
    const unread: CaSubject = { userId: "u1", groupIds: null, roleTemplateIds: null };
    expect(userScope(policy({ excludeGroups: ["g9"] }), unread)).toBe("cannot-tell");
  });

  it("cannot tell when inclusion is by group and memberships were not read", () => {
    const unread: CaSubject = { userId: "u1", groupIds: null, roleTemplateIds: null };
    expect(userScope(policy({ includeUsers: [], includeGroups: ["g1"] }), unread)).toBe("cannot-tell");
  });
});

describe("evaluateLegacyAuthBlocking", () => {
  it("returns the blocking policies and sets aside the undecidable ones", () => {
    const unread: CaSubject = { userId: "u1", groupIds: null, roleTemplateIds: null };
    const result = evaluateLegacyAuthBlocking(
      [
        policy({ id: "a" }),
        policy({ id: "b", includeUsers: [], includeGroups: ["g1"] }),
        policy({ id: "c", state: "disabled" }),
      ],
      unread,
    );
    expect(result.blocking.map((p) => p.id)).toEqual(["a"]);
    expect(result.undecided.map((u) => u.policy.id)).toEqual(["b"]);
  });

  const TRUSTED = "3a1f7c1e-0000-4000-a000-00000000aaaa";
  it("does not call a block certain when it spares named locations: that depends on the device's IP", () => {
    const result = evaluateLegacyAuthBlocking([policy({ locations: { include: ["All"], exclude: [TRUSTED] } })], user);
    expect(result.blocking).toEqual([]);
    expect(result.undecided).toEqual([{ policy: expect.objectContaining({ id: "p1" }), why: expect.stringContaining("IP address") }]);
  });

  it("cannot tell a policy scoped to device platforms, and keeps an all-locations, all-platforms policy certain", () => {
    expect(evaluateLegacyAuthBlocking([policy({ platforms: { include: ["android", "iOS"], exclude: [] } })], user).undecided[0]?.why).toMatch(/platform/);
    const everywhere = policy({ locations: { include: ["All"], exclude: [] }, platforms: { include: ["all"], exclude: [] } });
    expect(evaluateLegacyAuthBlocking([everywhere], user).blocking).toHaveLength(1);
  });

  it.each([
    ["All apps", { include: ["All"], exclude: [] }, 1],
    ["Office 365 (contains Exchange Online)", { include: ["Office365"], exclude: [] }, 1],
    ["Exchange Online by app id", { include: ["00000002-0000-0ff1-ce00-000000000000"], exclude: [] }, 1],
    ["only SharePoint", { include: ["00000003-0000-0ff1-ce00-000000000000"], exclude: [] }, 0],
    ["All apps except Exchange Online", { include: ["All"], exclude: ["00000002-0000-0ff1-ce00-000000000000"] }, 0],
  ])("judges the app condition for an SMTP sign-in to Exchange Online: %s", (_what, applications, blocking) => {
    expect(evaluateLegacyAuthBlocking([policy({ applications })], user).blocking).toHaveLength(blocking);
  });
});
