import { describe, expect, it } from "vitest";
import type { Finding, FindingDraft } from "../../../shared/audit/finding";
import { trackFindings } from "../../../shared/audit/track-findings";

const draft = (subject: string): FindingDraft => ({ type: "unapproved-smtp-auth", subject, severity: "high", detail: "on" });
const before = (subject: string, firstSeen: string): Finding => ({ ...draft(subject), firstSeen });
const NOW = new Date("2025-06-02T02:00:00.000Z");

describe("trackFindings", () => {
  it("marks a finding new on its first night and keeps its firstSeen on the nights after", () => {
    const first = trackFindings([draft("a@x.com")], [], [], NOW);
    expect(first.newFindings.map((f) => f.subject)).toEqual(["a@x.com"]);
    const second = trackFindings([draft("a@x.com")], [], first.findings, new Date("2025-06-03T02:00:00.000Z"));
    expect(second.newFindings).toEqual([]);
    expect(second.findings[0]?.firstSeen).toBe(NOW.toISOString());
  });

  it("carries an earlier finding through a night its layer could not be read, so it is not new afterwards", () => {
    const earlier = [before("a@x.com", "2025-05-01T02:00:00.000Z")];
    const blind = trackFindings([], [{ type: "unapproved-smtp-auth", subject: "*", reason: "listing failed" }], earlier, NOW);
    expect(blind.findings).toEqual([]);
    expect(blind.carried).toEqual(earlier);
    const next = trackFindings([draft("a@x.com")], [], [...blind.findings, ...blind.carried], NOW);
    expect(next.newFindings).toEqual([]);
    expect(next.findings[0]?.firstSeen).toBe("2025-05-01T02:00:00.000Z");
  });

  it("drops a finding that a readable layer no longer shows, so its return is new again", () => {
    const cleared = trackFindings([], [], [before("a@x.com", "2025-05-01T02:00:00.000Z")], NOW);
    expect(cleared.carried).toEqual([]);
    expect(trackFindings([draft("a@x.com")], [], [...cleared.findings, ...cleared.carried], NOW).newFindings).toHaveLength(1);
  });
});
