import { renderNote, renderNoteAdf } from "./render-note";
import type { TicketNote } from "./ticket-note";

/** App settings the write-back reads (Settings.raw): TICKET_<SYSTEM>_BASE_URL, TICKET_<SYSTEM>_AUTH, ... */
export type TicketSettings = Readonly<Record<string, string | undefined>>;

/** One HTTP call that writes a note, or why it cannot be made. The auth header never leaves this object. */
export type CommentRequest =
  | { kind: "request"; method: "POST" | "PUT" | "PATCH"; url: string; headers: Record<string, string>; body: string }
  | { kind: "not-configured"; reason: string };

/**
 * Builds the comment call for a note's system (reference/ticketing.md "how we write back").
 * `authorization` replaces TICKET_<SYSTEM>_AUTH when the caller obtained a token itself (HaloPSA).
 */
export function buildCommentRequest(note: TicketNote, settings: TicketSettings, authorization?: string): CommentRequest {
  const prefix = `TICKET_${note.system.toUpperCase()}`;
  const auth = authorization ?? settings[`${prefix}_AUTH`];
  const base = (note.system === "generic" ? settings["TICKET_GENERIC_CALLBACK_URL"] : settings[`${prefix}_BASE_URL`])?.replace(/\/+$/, "");
  if (!base) return { kind: "not-configured", reason: notConfiguredReason(note.system) };
  if (!auth && note.system !== "generic") return { kind: "not-configured", reason: `${prefix}_AUTH is not set` };
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json", ...(auth ? { authorization: auth } : {}) };
  const id = encodeURIComponent(note.ticketId);
  const call = (method: "POST" | "PUT" | "PATCH", url: string, body: unknown): CommentRequest => ({
    kind: "request",
    method,
    url,
    headers,
    body: JSON.stringify(body),
  });
  switch (note.system) {
    case "zendesk":
      return call("PUT", `${base}/api/v2/tickets/${id}.json`, { ticket: { comment: { body: renderNote(note), public: false } } });
    case "jira":
      if (settings["TICKET_JIRA_SERVICEDESK"] === "true") {
        return call("POST", `${base}/rest/servicedeskapi/request/${id}/comment`, { body: renderNote(note), public: false });
      }
      // The property keeps the comment internal when the issue lives in a service management project.
      return call("POST", `${base}/rest/api/3/issue/${id}/comment`, {
        body: renderNoteAdf(note),
        properties: [{ key: "sd.public.comment", value: { internal: true } }],
      });
    case "servicenow": {
      const table = encodeURIComponent(settings["TICKET_SERVICENOW_TABLE"] ?? "incident");
      return call("PATCH", `${base}/api/now/table/${table}/${id}`, { work_notes: renderNote(note) });
    }
    case "freshservice":
      return call("POST", `${base}/api/v2/tickets/${id}/notes`, { body: renderNote(note, "html"), private: true });
    case "halopsa":
      return call("POST", `${base}/api/actions`, [
        {
          ticket_id: Number(note.ticketId),
          outcome_id: Number(settings["TICKET_HALOPSA_OUTCOME_ID"] ?? "7"),
          hiddenfromuser: true,
          note_html: renderNote(note, "html"),
        },
      ]);
    case "generic":
      return call("POST", base, { ...note, text: renderNote(note) });
  }
}

/** Why a note to a system with no write-back settings was not sent (the trail codes this one sentence). */
export function notConfiguredReason(system: string): string {
  return `${system} write-back is not configured`;
}
