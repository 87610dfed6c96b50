import { describe, expect, it } from "vitest";
import { judgeRole } from "../../../shared/domain/privilege";
import { NON_PRIVILEGED_ROLES, PRIVILEGED_ROLES } from "../../../shared/domain/privileged-roles";

describe("the role lists", () => {
  it("know Global Administrator and Exchange Administrator by template id, with no definition sent", () => {
    expect(judgeRole("62e90394-69f5-4237-9190-012177145e10", null)).toEqual({ verdict: "privileged", name: "Global Administrator" });
    expect(judgeRole("29232cdf-9323-42fd-ade2-1d097af3e4de", null)).toEqual({ verdict: "privileged", name: "Exchange Administrator" });
  });

  it("let only the allow-listed readers count as ordinary", () => {
    expect(judgeRole("790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", { displayName: "Message Center Reader", isBuiltIn: true })).toEqual({ verdict: "not-privileged" });
    expect(judgeRole("", { displayName: "", isBuiltIn: true })).toEqual({ verdict: "unknown" });
  });

  it("list each role once with a unique template id, and no role on both lists", () => {
    const ids = PRIVILEGED_ROLES.map((r) => r.templateId);
    expect(new Set(ids).size).toBe(ids.length);
    const harmless = NON_PRIVILEGED_ROLES.map((r) => r.templateId);
    expect(new Set(harmless).size).toBe(harmless.length);
    expect(harmless.filter((id) => ids.includes(id))).toEqual([]);
  });
});
