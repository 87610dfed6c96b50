import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** What a seal starts with: the format, so a later one can be told apart. */
const FORMAT = "hmac-v1";
/** Its own key from the sealing secret: the webhook secrets' encryption key never doubles as a MAC key. */
const INFO = "smtp-auth-remediation record seals v1";

/** What a read found: a record the app wrote, or one it must not trust, and why. */
export type SealCheck = { ok: true } | { ok: false; reason: string };

/**
 * Integrity seals for the records that decide who may weaken a tenant (tenant policies, pending
 * policy changes, approvals): an HMAC-SHA256 over the record as stored, bound to its kind and key,
 * under a key derived from the app's sealing secret (WEBHOOK_SEALING_SECRET). A row edited outside
 * the app (Storage Explorer, a script with the account key) no longer matches and is refused.
 * An unsealed row is accepted only when Table Storage last wrote it before `legacyUntil`
 * (RECORD_SEALS_SINCE): the server-set Timestamp moves on any edit, so stripping a seal does not help.
 */
export class RecordSeals {
  private constructor(
    private readonly keys: readonly Buffer[],
    private readonly legacyUntil: Date | null,
  ) {}

  static fromSecrets(current: string, previous: string | undefined, legacyUntil: Date | null): RecordSeals {
    return new RecordSeals([current, ...(previous ? [previous] : [])].map(keyFrom), legacyUntil);
  }

  /** Without a sealing secret nothing can be told apart from an edit: every sealed record is refused. */
  static unavailable(): RecordSeals {
    return new RecordSeals([], null);
  }

  seal(kind: string, id: string, fields: Record<string, unknown>): string | undefined {
    const key = this.keys[0];
    return key ? `${FORMAT}.${mac(key, kind, id, fields).toString("base64url")}` : undefined;
  }

  /** `writtenAt`: the row's Timestamp as Table Storage set it. */
  check(kind: string, id: string, fields: Record<string, unknown>, seal: unknown, writtenAt: string | undefined): SealCheck {
    if (this.keys.length === 0) return { ok: false, reason: "the app's sealing secret (WEBHOOK_SEALING_SECRET) is not set, so the record cannot be checked" };
    if (typeof seal !== "string") {
      const written = writtenAt ? Date.parse(writtenAt) : NaN;
      if (this.legacyUntil && written < this.legacyUntil.getTime()) return { ok: true };
      return { ok: false, reason: "the record has no seal: it was written outside the app" };
    }
    const [format, body] = seal.split(".");
    const given = Buffer.from(body ?? "", "base64url");
    if (format === FORMAT && this.keys.some((key) => equal(mac(key, kind, id, fields), given))) return { ok: true };
    return { ok: false, reason: "the record does not match its seal: it was edited outside the app" };
  }
}

function mac(key: Buffer, kind: string, id: string, fields: Record<string, unknown>): Buffer {
  return createHmac("sha256", key).update(canonical([kind, id, fields])).digest();
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** JSON with object keys sorted and undefined left out: the same record always reads the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonical(v))).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), INFO, 32));
}
