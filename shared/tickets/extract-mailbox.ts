import { stripMarkup } from "./strip-markup";
import { NOTE_MARKER } from "./ticket-note";
import type { TicketEvent } from "./ticket-event";

/** The outcome of looking for the mailbox: one clear address, several to ask about, or none. */
export type MailboxExtraction =
  | { kind: "found"; mailbox: string }
  | { kind: "ambiguous"; candidates: string[] }
  | { kind: "none" };

/** Runs of characters that can belong to an address; cheap to find, so long junk costs linear time. */
const TOKEN = /[^\s<>()[\]{}",;:|*]+/g;
const EMAIL = /^[a-z0-9][a-z0-9._%+'-]*@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\.[a-z]{2,}$/i;
/** RFC 5321 caps a path at 254 characters; longer tokens are not addresses. */
const MAX_ADDRESS_LENGTH = 254;
/** How far before an address we look for words that say what it is. */
const CONTEXT_CHARS = 48;
const MAILBOX_WORDS =
  /(mailbox|scanner|printer|copier|mfp|device|from|sender|sending|user ?name|login|account|auth|mail from|smtp|пощ|скенер|принтер|подател|потребител|акаунт)/i;
const RECIPIENT_WORDS = /(rcpt|recipient|\bto:|\bcc:|sent to|send to|sending to|получател|contact me|reach me|call me|reply to)/i;
const NOT_A_MAILBOX_LOCAL = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster)$/i;
const NOT_A_MAILBOX_DOMAIN =
  /(^|\.)(zendesk\.com|atlassian\.net|atlassian\.com|service-now\.com|freshservice\.com|freshdesk\.com|halopsa\.com|microsoft\.com|office365\.com|outlook\.com|protection\.outlook\.com)$/i;


/**
 * Finds the mailbox a ticket is about. An explicit mailbox field wins; otherwise the addresses in the
 * subject and texts, minus the requester, other people on the ticket and system addresses, scored by
 * the words before them ("scanner", "MAIL FROM", "sender" count for; "RCPT TO", "recipient" against).
 */
export function extractMailbox(event: TicketEvent): MailboxExtraction {
  if (event.mailbox) return { kind: "found", mailbox: event.mailbox.toLowerCase() };
  const excluded = new Set([event.requester, ...(event.people ?? [])].filter(Boolean).map((a) => a!.toLowerCase()));
  const text = [event.subject, ...event.texts.filter((t) => !t.includes(NOTE_MARKER))].map(stripMarkup).join("\n");
  const scores = new Map<string, number>();
  for (const match of text.matchAll(TOKEN)) {
    const address = match[0].replace(/^[.']+|[.?!']+$/g, "").toLowerCase();
    if (address.length > MAX_ADDRESS_LENGTH || !address.includes("@") || !EMAIL.test(address)) continue;
    if (excluded.has(address) || isSystemAddress(address)) continue;
    const before = text.slice(Math.max(0, match.index - CONTEXT_CHARS), match.index);
    const score = scoreContext(before);
    scores.set(address, Math.max(scores.get(address) ?? Number.NEGATIVE_INFINITY, score));
  }
  // Without the requester's address, a bare address could be their own signature: only clues count.
  return decide(event.requesterUnknown ? new Map([...scores].filter(([, score]) => score > 0)) : scores);
}

function scoreContext(before: string): number {
  // The nearest clue wins: "RCPT TO:<x> from the scanner" is about the recipient.
  const recipient = lastIndexOf(before, RECIPIENT_WORDS);
  const mailbox = lastIndexOf(before, MAILBOX_WORDS);
  if (recipient < 0 && mailbox < 0) return 0;
  return mailbox > recipient ? 2 : -2;
}

function lastIndexOf(text: string, pattern: RegExp): number {
  const global = new RegExp(pattern.source, "gi");
  let last = -1;
  for (const match of text.matchAll(global)) last = match.index;
  return last;
}

function decide(scores: Map<string, number>): MailboxExtraction {
  const plausible = [...scores].filter(([, score]) => score >= 0);
  if (plausible.length === 0) return { kind: "none" };
  if (plausible.length === 1) return { kind: "found", mailbox: plausible[0]![0] };
  const best = Math.max(...plausible.map(([, score]) => score));
  const top = plausible.filter(([, score]) => score === best);
  if (top.length === 1 && best > 0) return { kind: "found", mailbox: top[0]![0] };
  return { kind: "ambiguous", candidates: plausible.map(([address]) => address).sort() };
}

function isSystemAddress(address: string): boolean {
  const [local = "", domain = ""] = address.split("@");
  return NOT_A_MAILBOX_LOCAL.test(local) || NOT_A_MAILBOX_DOMAIN.test(domain);
}
