import { describe, expect, it } from "vitest";
import { createTenantCredentials, defaultScopeFor, GRAPH_RESOURCE, isMicrosoftAuthority } from "../../../shared/m365/credentials";

const settings = {
  M365_AUTHORITY_HOST: "https://127.0.0.1:7080",
  M365_CLIENT_ID: "sim-client",
  M365_CLIENT_SECRET: "sim-secret",
};

describe("credentials", () => {
  it("asks for the public Graph scope when a simulator serves Graph", () => {
    expect(defaultScopeFor("https://127.0.0.1:7080", GRAPH_RESOURCE)).toBe("https://graph.microsoft.com/.default");
  });

  it("asks a sovereign cloud's Graph for its own scope", () => {
    expect(defaultScopeFor("https://graph.microsoft.us/", GRAPH_RESOURCE)).toBe("https://graph.microsoft.us/.default");
  });

  it("knows Microsoft's authority from a simulator's", () => {
    expect(isMicrosoftAuthority("https://login.microsoftonline.com")).toBe(true);
    expect(isMicrosoftAuthority("https://127.0.0.1:7080")).toBe(false);
  });

  it("builds one credential per tenant and reuses it", () => {
    const credentials = createTenantCredentials(settings);
    const a = credentials.forTenant("tenant-a");
    expect(typeof a.getToken).toBe("function");
    expect(credentials.forTenant("tenant-a")).toBe(a);
    expect(credentials.forTenant("tenant-b")).not.toBe(a);
  });
});
