import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SecretSealer } from "../../../shared/store/secret-sealer";

const CURRENT = "sealing-secret-current-0123456789abcdef";
const OLD = "sealing-secret-previous-0123456789abcdef";

describe("SecretSealer", () => {
  it("opens what it sealed, for the row it was sealed for, and for no other", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string({ minLength: 1, maxLength: 60 }), (secret, row) => {
        const sealer = SecretSealer.fromSecrets(CURRENT);
        const sealed = sealer.seal(secret, row);
        expect(sealed).toMatch(/^sealed-v1\.[\w-]+\.[\w-]+$/);
        if (secret.length >= 4) expect(sealed).not.toContain(secret);
        expect(sealer.open(sealed, row)).toBe(secret);
        expect(sealer.open(sealed, `${row}x`)).toBeUndefined();
      }),
    );
  });

  it("seals the same secret differently each time (a fresh nonce)", () => {
    const sealer = SecretSealer.fromSecrets(CURRENT);
    expect(sealer.seal("s3cret", "tk_a/zendesk")).not.toBe(sealer.seal("s3cret", "tk_a/zendesk"));
  });

  it("does not open a value that was tampered with, stored in plain text, or sealed under another key", () => {
    const sealer = SecretSealer.fromSecrets(CURRENT);
    const sealed = sealer.seal("s3cret", "tk_a/zendesk");
    const [format, iv, body] = sealed.split(".") as [string, string, string];
    const flipped = Buffer.from(body, "base64url");
    flipped[0]! ^= 1;
    expect(sealer.open(`${format}.${iv}.${flipped.toString("base64url")}`, "tk_a/zendesk")).toBeUndefined();
    expect(sealer.open("s3cret", "tk_a/zendesk")).toBeUndefined();
    expect(sealer.open(`${format}.${iv}.AAAA`, "tk_a/zendesk")).toBeUndefined();
    expect(SecretSealer.fromSecrets(OLD).open(sealed, "tk_a/zendesk")).toBeUndefined();
  });

  it("opens values sealed under the previous secret while it is replaced, and seals only under the new one", () => {
    const old = SecretSealer.fromSecrets(OLD).seal("before", "tk_a/jira");
    const replacing = SecretSealer.fromSecrets(CURRENT, OLD);
    expect(replacing.open(old, "tk_a/jira")).toBe("before");
    const fresh = replacing.seal("after", "tk_a/jira");
    expect(SecretSealer.fromSecrets(CURRENT).open(fresh, "tk_a/jira")).toBe("after");
    expect(SecretSealer.fromSecrets(OLD).open(fresh, "tk_a/jira")).toBeUndefined();
  });
});
