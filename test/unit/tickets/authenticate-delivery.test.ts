import { describe, expect, it } from "vitest";
import { authenticateDelivery } from "../../../shared/tickets/authenticate-delivery";
import { signGenericHex, signJira, verifySignature } from "../../../shared/tickets/verify-signature";
import { NOW, SECRETS } from "./support/deliveries";

const body = JSON.stringify({ ticketId: "T-1", description: "scanner scan@contoso.com 5.7.139" });
const KEY = `tk_${"a".repeat(24)}`;

function genericSigned(secret: string, at = NOW): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return { "x-webhook-timestamp": timestamp, "x-webhook-signature": `sha256=${signGenericHex(secret, timestamp, body)}` };
}

describe("authenticateDelivery", () => {
  const tenantSecrets = async (tenantKey: string) => (tenantKey === KEY ? { tenantId: "tenant-a", secrets: ["new-secret", "old-secret"] } : undefined);

  it("takes either secret of a rotation's overlap on the tenant endpoint, and names the tenant", async () => {
    for (const secret of ["new-secret", "old-secret"]) {
      const identity = await authenticateDelivery("generic", KEY, body, { authorization: `Bearer ${secret}` }, { secrets: {}, tenantSecrets, now: () => NOW });
      expect(identity).toEqual({ ok: true, tenantId: "tenant-a" });
    }
  });

  it("refuses the app-wide secret on a tenant endpoint, a tenant secret on the bare route, and an unknown key", async () => {
    const deps = { secrets: { generic: SECRETS.generic }, tenantSecrets, now: () => NOW };
    expect(await authenticateDelivery("generic", KEY, body, { authorization: `Bearer ${SECRETS.generic}` }, deps)).toEqual({ ok: false });
    expect(await authenticateDelivery("generic", undefined, body, { authorization: "Bearer new-secret" }, deps)).toEqual({ ok: false });
    expect(await authenticateDelivery("generic", `tk_${"b".repeat(24)}`, body, { authorization: "Bearer new-secret" }, deps)).toEqual({ ok: false });
    expect(await authenticateDelivery("generic", undefined, body, { authorization: `Bearer ${SECRETS.generic}` }, deps)).toEqual({ ok: true });
  });

  it("refuses a bearer copy of the signing secret where HMAC is required, and takes the signature", async () => {
    const deps = { secrets: { generic: SECRETS.generic, jira: SECRETS.jira }, hmacRequired: new Set(["generic", "jira"]), now: () => NOW };
    expect(await authenticateDelivery("generic", undefined, body, { authorization: `Bearer ${SECRETS.generic}` }, deps)).toEqual({ ok: false });
    expect(await authenticateDelivery("jira", undefined, body, { authorization: `Bearer ${SECRETS.jira}` }, deps)).toEqual({ ok: false });
    expect(await authenticateDelivery("generic", undefined, body, genericSigned(SECRETS.generic), deps)).toEqual({ ok: true });
    expect(await authenticateDelivery("jira", undefined, body, { "x-hub-signature": signJira(SECRETS.jira, body) }, deps)).toEqual({ ok: true });
  });
});

describe("the generic HMAC signature", () => {
  const check = (headers: Record<string, string>, raw = body) => verifySignature({ system: "generic", rawBody: raw, headers, secret: SECRETS.generic, now: NOW, hmacOnly: true });

  it("holds over timestamp and body, within five minutes either way", () => {
    expect(check(genericSigned(SECRETS.generic))).toBe(true);
    expect(check(genericSigned(SECRETS.generic, new Date(NOW.getTime() - 4 * 60_000)))).toBe(true);
    expect(check(genericSigned(SECRETS.generic, new Date(NOW.getTime() - 6 * 60_000)))).toBe(false);
    expect(check(genericSigned(SECRETS.generic), body.replace("T-1", "T-2"))).toBe(false);
    expect(check(genericSigned("another-secret"))).toBe(false);
    expect(check({ ...genericSigned(SECRETS.generic), "x-webhook-timestamp": String(Math.floor(NOW.getTime() / 1000) + 1) })).toBe(false);
  });
});
