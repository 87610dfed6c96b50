import type { EstateSender } from "./estate-senders";

export const ESTATE_CSV_COLUMNS = ["tenant", "account", "last basic-auth sign-in", "addresses", "path", "status"] as const;

/** Characters a spreadsheet reads as the start of a formula (OWASP "CSV Injection"), tab and CR included. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a value a spreadsheet would run as a formula gets a leading `'` (OWASP CSV Injection),
 * then RFC 4180 quoting: a cell with a comma, quote or line break is quoted and its quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every sender as CSV (RFC 4180: CRLF line ends, a header row); addresses separated by spaces. */
export function estateCsv(senders: readonly EstateSender[]): string {
  const rows = senders.map((s) => [s.tenantId, s.upn, s.lastBasicAuthAt ?? "", s.addresses.join(" "), s.path, s.status]);
  return [[...ESTATE_CSV_COLUMNS], ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
