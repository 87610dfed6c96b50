import { composeNote } from "./compose-note";
import type { TicketNote } from "./ticket-note";

/** How a system wants its comment body. */
export type NoteFormat = "text" | "html";

/** A note as readable plain text (Zendesk, ServiceNow, JSM) or simple HTML (Freshservice, HaloPSA). */
export function renderNote(note: TicketNote, format: NoteFormat = "text"): string {
  const doc = composeNote(note);
  if (format === "html") {
    const body = doc.blocks.map((block) =>
      block.kind === "paragraph" ? `<p>${escapeHtml(block.text)}</p>` : `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`,
    );
    return [`<p><strong>${escapeHtml(doc.heading)}</strong></p>`, ...body].join("\n");
  }
  const body = doc.blocks.map((block) => (block.kind === "paragraph" ? block.text : block.items.map((i) => `- ${i}`).join("\n")));
  return [doc.heading, ...body].join("\n\n");
}

/** Atlassian Document Format node, as Jira's REST v3 comment body wants it. */
export interface AdfNode {
  type: string;
  version?: number;
  text?: string;
  marks?: Array<{ type: string }>;
  content?: AdfNode[];
}

/** A note as an ADF document for `POST /rest/api/3/issue/{key}/comment`. */
export function renderNoteAdf(note: TicketNote): AdfNode {
  const doc = composeNote(note);
  const paragraph = (text: string, strong = false): AdfNode => ({
    type: "paragraph",
    content: [{ type: "text", text, ...(strong ? { marks: [{ type: "strong" }] } : {}) }],
  });
  const content: AdfNode[] = [paragraph(doc.heading, true)];
  for (const block of doc.blocks) {
    if (block.kind === "paragraph") content.push(paragraph(block.text));
    else content.push({ type: "bulletList", content: block.items.map((item) => ({ type: "listItem", content: [paragraph(item)] })) });
  }
  return { type: "doc", version: 1, content };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
