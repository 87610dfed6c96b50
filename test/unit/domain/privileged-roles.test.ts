import { describe, expect, it } from "vitest";
import { isPrivilegedRole, PRIVILEGED_ROLES } from "../../../shared/domain/privileged-roles";

describe("isPrivilegedRole", () => {
  it("knows Global Administrator by name, whatever the case", () => {
    expect(isPrivilegedRole("Global Administrator")).toBe(true);
    expect(isPrivilegedRole(" global administrator ")).toBe(true);
  });

  it("knows Exchange Administrator by its template id", () => {
    expect(isPrivilegedRole("29232cdf-9323-42fd-ade2-1d097af3e4de")).toBe(true);
  });

  it("does not count ordinary roles", () => {
    expect(isPrivilegedRole("Message Center Reader")).toBe(false);
    expect(isPrivilegedRole("")).toBe(false);
  });

  it("lists each role once with a unique template id", () => {
    const ids = PRIVILEGED_ROLES.map((r) => r.templateId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

