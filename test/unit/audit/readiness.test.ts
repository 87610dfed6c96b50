import { describe, expect, it } from "vitest";
import { HIGH_VOLUME_SIGN_INS, recommendPath, tallySenders } from "../../../shared/audit/readiness";

const tally = (upn: string, signIns: number, ips: string[]) => ({ upn, signIns, ipAddresses: new Set(ips) });

describe("recommendPath", () => {
  it("retires an account with no sign-in in the window", () => {
    expect(recommendPath(tally("fax@contoso.com", 0, []), 30)).toMatchObject({ path: "retire", why: expect.stringContaining("30 days") });
  });

  it("sends an application's account to Graph sendMail", () => {
    expect(recommendPath(tally("noreply@contoso.com", 500, ["198.51.100.1", "198.51.100.2"]), 30).path).toBe("graph-sendmail");
    expect(recommendPath(tally("erp-alerts@contoso.com", 5, ["198.51.100.1"]), 30).path).toBe("graph-sendmail");
    expect(recommendPath(tally("happy.printer@contoso.com", 5, ["198.51.100.1"]), 30).path).toBe("relay-connector");
  });

  it("sends a device at one fixed address to a relay connector, naming the address", () => {
    expect(recommendPath(tally("scanner@contoso.com", 40, ["203.0.113.9"]), 30)).toMatchObject({ path: "relay-connector", why: expect.stringContaining("203.0.113.9") });
  });

  it("sends a roaming bulk sender to High Volume Email from the threshold on, and below it to OAuth", () => {
    const ips = ["203.0.113.9", "203.0.113.10"];
    expect(recommendPath(tally("mfp@contoso.com", HIGH_VOLUME_SIGN_INS, ips), 30).path).toBe("high-volume-email");
    expect(recommendPath(tally("mfp@contoso.com", HIGH_VOLUME_SIGN_INS - 1, ips), 30).path).toBe("oauth");
  });
});

describe("tallySenders", () => {
  it("folds sign-ins per account: count, addresses, last success, last failure and its code", () => {
    const t = tallySenders([
      { userId: "u1", userPrincipalName: "Scanner@Contoso.com", createdDateTime: "2026-11-01T10:00:00Z", errorCode: 0, ipAddress: "203.0.113.9" },
      { userId: "u1", userPrincipalName: "scanner@contoso.com", createdDateTime: "2026-11-03T10:00:00Z", errorCode: 50126, ipAddress: "203.0.113.9" },
      { userId: "u1", userPrincipalName: "scanner@contoso.com", createdDateTime: "2026-11-02T10:00:00Z", errorCode: 50053, ipAddress: "203.0.113.10" },
    ]).get("scanner@contoso.com");
    expect(t).toMatchObject({ signIns: 3, lastSuccessAt: "2026-11-01T10:00:00Z", lastFailureAt: "2026-11-03T10:00:00Z", lastFailureCode: 50126 });
    expect([...t!.ipAddresses].sort()).toEqual(["203.0.113.10", "203.0.113.9"]);
  });
});
