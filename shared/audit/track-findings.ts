import { findingKey, unknownCovers } from "./finding";
import type { Finding, FindingDraft, UnknownEntry } from "./finding";

/** A run's findings after comparison with the previous run. */
export interface TrackedFindings {
  /** This run's findings, each with the firstSeen of the unbroken series it belongs to. */
  findings: Finding[];
  /** Findings of earlier runs this run could not check (their layer is unknown): kept, not reported as findings. */
  carried: Finding[];
  /** Findings that were neither found nor carried by the previous run: the ones to notify. */
  newFindings: Finding[];
}

/**
 * Compares a run with the previous one. A finding keeps its firstSeen while it is found (or could
 * not be checked) night after night; an unknown layer neither clears an earlier finding nor makes it
 * new again, so it is carried and, once readable, not notified twice.
 */
export function trackFindings(
  drafts: readonly FindingDraft[],
  unknown: readonly UnknownEntry[],
  previous: readonly Finding[],
  now: Date,
): TrackedFindings {
  const previousByKey = new Map(previous.map((f) => [findingKey(f), f]));
  const findings: Finding[] = [];
  const newFindings: Finding[] = [];
  const foundKeys = new Set<string>();
  for (const draft of drafts) {
    const key = findingKey(draft);
    foundKeys.add(key);
    const before = previousByKey.get(key);
    const finding: Finding = { ...draft, firstSeen: before?.firstSeen ?? now.toISOString() };
    findings.push(finding);
    if (!before) newFindings.push(finding);
  }
  const carried = previous.filter((f) => !foundKeys.has(findingKey(f)) && unknown.some((u) => unknownCovers(u, f)));
  return { findings, carried, newFindings };
}
