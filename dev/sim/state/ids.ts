import { createHash } from "node:crypto";

/** What a deterministic id names; part of the GUID so ids of different kinds never collide. */
export const ID_KIND = { user: 0x001, mailbox: 0x002, roleAssignment: 0x003 } as const;
export type IdKind = keyof typeof ID_KIND;

/** Twelve hex characters derived from a tenant id; keeps ids unique across tenants. */
export function tenantIdPrefix(tenantId: string): string {
  return createHash("sha1").update(tenantId.toLowerCase()).digest("hex").slice(0, 12);
}

/** A GUID-shaped id that encodes the tenant prefix, the kind and an index, so it can be parsed back. */
export function deterministicGuid(prefix: string, kind: IdKind, index: number): string {
  const kindHex = ID_KIND[kind].toString(16).padStart(3, "0");
  const indexHex = index.toString(16).padStart(12, "0");
  return `${prefix.slice(0, 8)}-${prefix.slice(8, 12)}-4${kindHex}-8000-${indexHex}`;
}

/** The index inside a deterministic GUID of the given prefix and kind, or undefined when it is not one. */
export function indexFromGuid(prefix: string, kind: IdKind, guid: string): number | undefined {
  const expected = deterministicGuid(prefix, kind, 0).slice(0, 24);
  const lower = guid.toLowerCase();
  if (lower.length !== 36 || !lower.startsWith(expected)) return undefined;
  const index = Number.parseInt(lower.slice(24), 16);
  return Number.isSafeInteger(index) ? index : undefined;
}

/** A random GUID for request ids and one-off objects. */
export function randomGuid(): string {
  return crypto.randomUUID();
}
