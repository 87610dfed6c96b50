import { randomInt } from "node:crypto";

const SETS = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!#%+-=?@^_"];

/** A 24-character password with every character class (Exchange wants three of four), unambiguous letters only. */
export function generatePassword(length = 24): string {
  const all = SETS.join("");
  const chars = SETS.map((set) => set[randomInt(set.length)] ?? "");
  while (chars.length < length) chars.push(all[randomInt(all.length)] ?? "");
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? "", chars[i] ?? ""];
  }
  return chars.join("");
}
