import { asEmail, asRecord, asText, collectStrings, fieldsMatching } from "./payload-fields";
import { NOTE_MARKER } from "./ticket-note";
import type { JsonRecord } from "./payload-fields";
import type { ParseResult } from "./ticket-event";

const ACTIONABLE_EVENTS = new Set(["jira:issue_created", "jira:issue_updated"]);
/** Update kinds that can add the facts we need; transitions and assignments would only repeat a question. */
const ACTIONABLE_UPDATES = new Set(["issue_created", "issue_updated", "issue_commented", "issue_comment_edited"]);

/**
 * Reads a Jira Cloud / JSM admin webhook (`jira:issue_created`, `jira:issue_updated` with `issue.fields`),
 * or an Automation "send web request" whose body is `{{issue.toJson}}`-like. The delivery id comes from
 * the `X-Atlassian-Webhook-Identifier` header, which the caller passes in.
 */
export function parseJira(body: unknown, deliveryId?: string): ParseResult {
  const root = asRecord(body);
  if (!root) return { kind: "invalid", message: "Expected a JSON object." };
  const webhookEvent = asText(root["webhookEvent"]) ?? "jira:issue_created";
  if (!ACTIONABLE_EVENTS.has(webhookEvent)) return { kind: "ignored", reason: `event ${webhookEvent} carries nothing to act on` };
  const updateKind = asText(root["issue_event_type_name"]);
  if (updateKind && !ACTIONABLE_UPDATES.has(updateKind)) return { kind: "ignored", reason: `update ${updateKind} carries nothing to act on` };
  const issue = asRecord(root["issue"]);
  const fields = asRecord(issue?.["fields"]);
  const key = asText(issue?.["key"]);
  if (!issue || !fields || !key) return { kind: "invalid", message: "A Jira webhook needs issue.key and issue.fields." };
  const comment = asRecord(root["comment"]);
  if (jiraText(comment?.["body"]).some((text) => text.includes(NOTE_MARKER))) return { kind: "ignored", reason: "our own note" };
  const texts = [
    ...jiraText(fields["description"]),
    ...jiraText(fields["environment"]),
    ...fieldsMatching(fields, /^customfield_\d+$/).flatMap(([, value]) => jiraText(value)),
    ...jiraText(comment?.["body"]),
  ];
  const requester = asEmail(asRecord(fields["reporter"])?.["emailAddress"]);
  const people = [fields["assignee"], fields["creator"], root["user"], comment?.["author"]]
    .map((person) => asEmail(asRecord(person)?.["emailAddress"]))
    .filter((email): email is string => email !== undefined && email !== requester);
  const url = browseUrl(issue, key);
  return {
    kind: "event",
    event: {
      system: "jira",
      ticketId: key,
      ...(url ? { ticketUrl: url } : {}),
      ...(deliveryId ? { deliveryId } : {}),
      event: updateKind ?? webhookEvent,
      subject: asText(fields["summary"]) ?? "",
      texts,
      ...(requester ? { requester } : {}),
      people,
    },
  };
}

/** A field as text: wiki-markup strings as they are, Atlassian Document Format by its text nodes. */
function jiraText(value: unknown): string[] {
  const record = asRecord(value);
  if (record?.["type"] === "doc") return [adfText(record).join(" ")];
  return collectStrings(value).filter((text) => !/^https?:\/\/\S+$/.test(text));
}

function adfText(node: JsonRecord, depth = 0): string[] {
  if (depth > 30) return [];
  const own = typeof node["text"] === "string" ? [node["text"]] : [];
  const content = Array.isArray(node["content"]) ? node["content"] : [];
  const children = content.flatMap((child) => {
    const record = asRecord(child);
    return record ? adfText(record, depth + 1) : [];
  });
  const breakAfter = node["type"] === "paragraph" || node["type"] === "codeBlock" ? ["\n"] : [];
  return [...own, ...children, ...breakAfter];
}

/** `https://site.atlassian.net/browse/KEY` from the issue's REST `self` link. */
function browseUrl(issue: JsonRecord, key: string): string | undefined {
  const self = asText(issue["self"]);
  if (!self) return undefined;
  try {
    return `${new URL(self).origin}/browse/${encodeURIComponent(key)}`;
  } catch {
    return undefined;
  }
}
