/**
 * Whether an address matches a pattern where `*` stands for any run of characters (case-insensitive,
 * whole address). Star-only globs need no backtracking: the first piece is a prefix, the last a suffix,
 * and each piece between is found leftmost after the one before, so a pattern full of `*` costs
 * one scan, never the exponential backtracking a regular expression of `.*` runs can take.
 */
export function matchesPattern(address: string, pattern: string): boolean {
  const text = address.toLowerCase();
  const pieces = pattern.toLowerCase().split("*");
  if (pieces.length === 1) return text === pieces[0];
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === "") continue;
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

/** Whether an address matches any of the patterns. */
export function matchesAnyPattern(address: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesPattern(address, p));
}
