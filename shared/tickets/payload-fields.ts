/** Small readers for untrusted JSON: each returns undefined instead of throwing on a wrong shape. */

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** A non-empty string, or a finite number written as one (ticket ids arrive as either). */
export function asText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A value that looks like one email address, lower-cased; undefined otherwise. */
export function asEmail(value: unknown): string | undefined {
  const text = asText(value)?.trim();
  return text && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(text) ? text.toLowerCase() : undefined;
}

/** Every string inside a value (nested objects and arrays included), depth-limited against hostile input. */
export function collectStrings(value: unknown, depth = 6): string[] {
  if (typeof value === "string") return value.trim() === "" ? [] : [value];
  if (depth <= 0 || typeof value !== "object" || value === null) return [];
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.flatMap((child) => collectStrings(child, depth - 1));
}

/** The values of keys matching a pattern (custom fields: `customfield_10050`, `u_mailbox`, ...). */
export function fieldsMatching(record: JsonRecord, pattern: RegExp): Array<[string, unknown]> {
  return Object.entries(record).filter(([key]) => pattern.test(key));
}

/** A key that names a mailbox field ("mailbox", "u_mailbox", "Affected mailbox", "sender_address"). */
export function isMailboxFieldName(name: string): boolean {
  return /mailbox|sender|smtp.?(user|account)|пощ/i.test(name);
}

/** The first explicit mailbox among named fields, when its value is exactly one address. */
export function mailboxFromNamedFields(fields: Array<[string, unknown]>): string | undefined {
  for (const [name, value] of fields) {
    if (!isMailboxFieldName(name)) continue;
    const email = asEmail(value);
    if (email) return email;
  }
  return undefined;
}
