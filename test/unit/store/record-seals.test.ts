import { describe, expect, it } from "vitest";
import { canonical, RecordSeals } from "../../../shared/store/record-seals";

const SECRET = "unit-test-sealing-secret-0123456789abcdef";
const OTHER = "another-sealing-secret-0123456789abcdefgh";
const FIELDS = { policy: '{"autoApprove":["enable-mailbox-smtp-auth"]}', access: "read-write" };

describe("RecordSeals", () => {
  const seals = RecordSeals.fromSecrets(SECRET, undefined, null);

  it("accepts a record as sealed, and refuses it after any field, its key or its kind changed", () => {
    const seal = seals.seal("tenant", "t1", FIELDS);
    expect(seals.check("tenant", "t1", FIELDS, seal, undefined)).toEqual({ ok: true });
    expect(seals.check("tenant", "t1", { ...FIELDS, access: "read-only" }, seal, undefined)).toMatchObject({ ok: false, reason: expect.stringContaining("edited outside the app") });
    expect(seals.check("tenant", "t2", FIELDS, seal, undefined).ok).toBe(false);
    expect(seals.check("approval", "t1", FIELDS, seal, undefined).ok).toBe(false);
    expect(seals.check("tenant", "t1", FIELDS, "hmac-v1.AAAA", undefined).ok).toBe(false);
  });

  it("opens under the previous secret while it is replaced, never under an unknown one", () => {
    const old = RecordSeals.fromSecrets(OTHER, undefined, null).seal("tenant", "t1", FIELDS);
    expect(RecordSeals.fromSecrets(SECRET, OTHER, null).check("tenant", "t1", FIELDS, old, undefined).ok).toBe(true);
    expect(seals.check("tenant", "t1", FIELDS, old, undefined).ok).toBe(false);
  });

  it("trusts an unsealed row only when storage last wrote it before RECORD_SEALS_SINCE", () => {
    const migrating = RecordSeals.fromSecrets(SECRET, undefined, new Date("2026-12-01T00:00:00Z"));
    expect(migrating.check("tenant", "t1", FIELDS, undefined, "2026-11-30T23:59:59.000Z")).toEqual({ ok: true });
    expect(migrating.check("tenant", "t1", FIELDS, undefined, "2026-12-01T00:00:01.000Z")).toMatchObject({ ok: false, reason: expect.stringContaining("no seal") });
    expect(migrating.check("tenant", "t1", FIELDS, undefined, undefined).ok).toBe(false);
    expect(seals.check("tenant", "t1", FIELDS, undefined, "2020-01-01T00:00:00.000Z").ok).toBe(false);
  });

  it("without a sealing secret seals nothing and trusts nothing", () => {
    const none = RecordSeals.unavailable();
    expect(none.seal("tenant", "t1", FIELDS)).toBeUndefined();
    expect(none.check("tenant", "t1", FIELDS, seals.seal("tenant", "t1", FIELDS), undefined)).toMatchObject({ ok: false, reason: expect.stringContaining("WEBHOOK_SEALING_SECRET") });
  });

  it("reads a record the same whatever the order of its keys", () => {
    expect(canonical({ b: 1, a: [{ d: 2, c: undefined }] })).toBe(canonical({ a: [{ d: 2 }], b: 1 }));
    expect(canonical({ a: "1" })).not.toBe(canonical({ a: 1 }));
  });
});
