import { causeOrder } from "./causes";
import { MFA_REQUIRED_CODES, causeOfSignInError } from "./sign-in-error-codes";
import type { TextCause, TextReading } from "./read-error-text";
import type { ObservedSignIn } from "./verification";

/** A reading this sure of one cause, clearly ahead of the next, needs no sign-in log to decide. */
const DECISIVE = 0.9;
const MARGIN = 0.15;

/** Whether the error text leaves the cause open: absent, unrecognised, weak, or two causes close together. */
export function isAmbiguous(reading: TextReading | undefined): boolean {
  const [first, second] = reading?.causes ?? [];
  if (!first || first.id === "unknown") return true;
  return first.confidence < DECISIVE || (second !== undefined && first.confidence - second.confidence < MARGIN);
}

/**
 * What the user's recent SMTP sign-ins say, as a reading: the latest failure newer than any success
 * names its cause, with the error code, time and address as evidence. Nothing when the latest worked.
 */
export function signInReading(signIns: readonly ObservedSignIn[]): TextReading | undefined {
  const latest = [...signIns].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (!latest || latest.errorCode === 0) return undefined;
  const evidence = `sign-in log: Authenticated SMTP sign-in at ${latest.at} from ${latest.ipAddress || "an unknown address"} failed with error ${latest.errorCode}`;
  const cause = causeOfSignInError(latest.errorCode);
  const causes: TextCause[] = MFA_REQUIRED_CODES.has(latest.errorCode)
    ? [{ id: "per-user-mfa-enforced", confidence: 0.85, evidence }, { id: "security-defaults-enabled", confidence: 0.6, evidence }, { id: "conditional-access-blocks-legacy-auth", confidence: 0.5, evidence }]
    : [{ id: cause, confidence: cause === "unknown" ? 0 : 0.92, evidence }];
  return { causes, authMethod: "basic" };
}

/** The text's reading with the log's causes folded in: the log's error code raises its cause and joins its evidence. */
export function withSignInReading(text: TextReading | undefined, log: TextReading | undefined): TextReading | undefined {
  if (!log) return text;
  if (!text || text.causes.every((c) => c.id === "unknown")) return { ...log, authMethod: text?.authMethod === "oauth" ? "oauth" : "basic" };
  const merged = new Map(text.causes.filter((c) => c.id !== "unknown").map((c) => [c.id, c]));
  for (const c of log.causes) {
    if (c.id === "unknown") continue;
    const seen = merged.get(c.id);
    merged.set(c.id, seen ? { ...seen, confidence: Math.max(seen.confidence, c.confidence), evidence: `${seen.evidence}; ${c.evidence}` } : c);
  }
  const causes = [...merged.values()].sort((a, b) => b.confidence - a.confidence || causeOrder(a.id) - causeOrder(b.id));
  return { causes, ...(text.authMethod ? { authMethod: text.authMethod } : {}) };
}
