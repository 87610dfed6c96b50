import { phrasesFor } from "./note-phrases";
import { NOTE_MARKER } from "./ticket-note";
import type { NotePhrases } from "./note-phrases";
import type { TicketNote } from "./ticket-note";

/** A note as blocks of text, before it becomes plain text, HTML or Atlassian Document Format. */
export interface NoteDocument {
  heading: string;
  blocks: NoteBlock[];
}
export type NoteBlock = { kind: "paragraph"; text: string } | { kind: "list"; items: string[] };

/** Lays out what a note says in its locale: heading, paragraphs and lists, no markup yet. */
export function composeNote(note: TicketNote): NoteDocument {
  const p = phrasesFor(note.locale);
  const c = note.content;
  const blocks: NoteBlock[] = [];
  const para = (text: string | undefined): void => {
    if (text) blocks.push({ kind: "paragraph", text });
  };
  const list = (title: string, items: string[] | undefined): void => {
    if (!items || items.length === 0) return;
    para(title);
    blocks.push({ kind: "list", items });
  };
  if (c.remediationId) para(p.request(c.remediationId, c.mailbox));
  switch (note.kind) {
    case "accepted":
      list(p.diagnosis, c.causes?.map((cause) => `${cause.id}: ${cause.verdict}`));
      if (c.plan?.length) list(p.plannedSteps, c.plan.map((step) => `${stepLabel(p, step.name)} (${p.risk}: ${step.risk})`));
      else para(p.noPlanYet);
      break;
    case "needs-mailbox":
      para(c.candidates?.length ? p.severalMailboxes(c.candidates.join(", ")) : p.noMailbox);
      para(p.askForMailbox);
      para(p.nothingChanged);
      break;
    case "needs-attention":
      para(p.personNeeded(c.reason ?? "-"));
      list(p.whatToDo, c.guidance);
      break;
    case "completed":
      para(p.finished(c.status ?? "succeeded"));
      list(p.whatChanged, stepLines(p, note));
      break;
    case "failed":
      para(p.failedBecause(c.reason ?? c.status ?? "-"));
      list(p.whatChanged, stepLines(p, note));
      list(p.whatToDo, c.guidance);
      break;
    case "verified":
      if (c.signIn) para(p.verified(c.signIn.at, c.signIn.ipAddress));
      break;
    case "still-failing":
      if (c.signIn) para(p.stillFailing(c.signIn.at, c.signIn.ipAddress, c.signIn.errorCode ?? 0, c.cause ?? "unknown"));
      list(p.whatToDo, c.guidance);
      break;
    case "not-seen":
      para(p.notSeen(c.windowHours ?? 24));
      break;
    case "audit-finding":
      list(p.auditIntro(c.tenantId ?? "-"), c.findings?.map((f) => (f.detail ? `${f.title}: ${f.detail}` : f.title)));
      break;
  }
  if (c.statusUrl) para(p.statusLink(c.statusUrl));
  return { heading: `${NOTE_MARKER} ${p.heading[note.kind]}`, blocks };
}

function stepLines(p: NotePhrases, note: TicketNote): string[] | undefined {
  return note.content.steps?.map((step) => {
    const values = step.before !== undefined || step.after !== undefined ? ` (${p.before}: ${step.before ?? "?"}, ${p.after}: ${step.after ?? "?"})` : "";
    return `${stepLabel(p, step.name)}: ${p.stepStatuses[step.status] ?? step.status}${values}`;
  });
}

function stepLabel(p: NotePhrases, name: string): string {
  return p.stepLabels[name] ?? name;
}
