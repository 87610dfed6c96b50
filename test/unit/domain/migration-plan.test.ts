import { describe, expect, it } from "vitest";
import { hveAccountFor, migrationSteps, relayConnectorName } from "../../../shared/domain/migration-plan";
import { migrationFrom } from "../../../shared/remediation/migration-input";
import { AppError } from "../../../shared/errors/app-error";

const APP = "5B0E7C3A-1F2D-4C6B-9A8E-0D1C2B3A4F5E";

function refusal(input: Parameters<typeof migrationFrom>[0]): string {
  try {
    migrationFrom(input);
  } catch (e) {
    if (e instanceof AppError) return `${e.status} ${e.code}`;
    throw e;
  }
  return "accepted";
}

describe("migration plans", () => {
  it("hold each path's steps in order, retiring basic auth only when asked and never on the OAuth path", () => {
    expect(migrationSteps({ path: "high-volume-email" })).toEqual(["create-hve-account", "check-hve-billing-policy"]);
    expect(migrationSteps({ path: "high-volume-email", retireBasicAuth: true })).toEqual(["create-hve-account", "check-hve-billing-policy", "retire-basic-auth"]);
    expect(migrationSteps({ path: "relay-connector", senderIp: "203.0.113.7", retireBasicAuth: true })).toEqual(["create-relay-connector", "retire-basic-auth"]);
    expect(migrationSteps({ path: "oauth-app", appId: APP })).toEqual(["register-exchange-service-principal", "grant-app-mailbox-access", "enable-mailbox-smtp-auth"]);
  });

  it("name what they create after the device, so a second run finds it", () => {
    expect(hveAccountFor("Printer.2F@Contoso.com")).toBe("hve-printer.2f@contoso.com");
    expect(relayConnectorName("203.0.113.7")).toBe("smtp-auth-remediation relay 203.0.113.7");
  });

  it("take each path's own parameter and nothing else, with a 400 INVALID_MIGRATION otherwise", () => {
    expect(migrationFrom({})).toBeUndefined();
    expect(migrationFrom({ path: "oauth-app", appId: APP })).toEqual({ path: "oauth-app", appId: APP.toLowerCase() });
    expect(migrationFrom({ path: "relay-connector", senderIp: "203.0.113.7", retireBasicAuth: true })).toEqual({ path: "relay-connector", senderIp: "203.0.113.7", retireBasicAuth: true });
    expect(refusal({ path: "relay-connector" })).toBe("400 INVALID_MIGRATION");
    expect(refusal({ path: "relay-connector", senderIp: "2001:db8::1" })).toBe("400 INVALID_MIGRATION");
    expect(refusal({ path: "oauth-app", appId: "not-a-guid" })).toBe("400 INVALID_MIGRATION");
    expect(refusal({ path: "oauth-app", appId: APP, retireBasicAuth: true })).toBe("400 INVALID_MIGRATION");
    expect(refusal({ path: "high-volume-email", senderIp: "203.0.113.7" })).toBe("400 INVALID_MIGRATION");
    expect(refusal({ appId: APP })).toBe("400 INVALID_MIGRATION");
    expect(refusal({ retireBasicAuth: false })).toBe("400 INVALID_MIGRATION");
  });
});
