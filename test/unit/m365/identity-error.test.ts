import { describe, expect, it } from "vitest";
import { identityError, isIdentityErrorName } from "../../../shared/m365/identity-error";

const id = { service: "graph" as const, operation: "graph.getUser" };

describe("identityError", () => {
  it("makes a refused client secret permanent and keeps only the AADSTS code", () => {
    const e = identityError(id, "AuthenticationRequiredError", "invalid_client: AADSTS7000215: Invalid client secret provided.", undefined);
    expect(e).toMatchObject({ kind: "permanent", service: "identity", code: "AADSTS7000215" });
    expect(e.message).toBe("identity token for graph.getUser was refused: AADSTS7000215");
  });

  it("makes an unreachable authority transient", () => {
    const e = identityError(id, "AuthenticationError", "getaddrinfo ENOTFOUND login.microsoftonline.com", undefined);
    expect(e).toMatchObject({ kind: "transient", service: "identity", code: "AuthenticationError" });
  });

  it("recognises the error names @azure/identity throws and nothing else", () => {
    expect(isIdentityErrorName("CredentialUnavailableError")).toBe(true);
    expect(isIdentityErrorName("TypeError")).toBe(false);
    expect(isIdentityErrorName(undefined)).toBe(false);
  });
});
