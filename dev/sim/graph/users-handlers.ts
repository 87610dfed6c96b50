import { badRequest, nextLink, odataContext, pageSize, resourceNotFound, startPosition } from "./graph-call";
import { DEFAULT_USER_PROPERTIES, parseUserSelect, selectUser } from "./user-shape";
import { json } from "../http/sim-http";
import type { GraphCall } from "./graph-call";
import type { SimResponse } from "../http/sim-http";
import type { MailboxRecord } from "../state/mailbox-record";

const FILTER_EQ = /^\s*(userPrincipalName|id|mail)\s+eq\s+'((?:[^']|'')*)'\s*$/i;
/** `proxyAddresses/any(x:x eq 'smtp:a@b')`: Graph's way to find a user by any of their addresses (the prefix's case does not matter). */
const FILTER_PROXY = /^\s*proxyAddresses\/any\((\w+):\1\s+eq\s+'smtp:((?:[^']|'')*)'\)\s*$/i;

/** GET /users with $select, $filter (userPrincipalName/id/mail eq), $top 1..999 and paging. */
export function listUsers(call: GraphCall): SimResponse {
  const properties = parseUserSelect(call.query.get("$select"));
  if (typeof properties === "string") return badRequest(call, properties);
  const top = pageSize(call, 100, 999);
  if (typeof top === "string") return badRequest(call, top, "Request_UnsupportedQuery");
  const start = startPosition(call);
  if (typeof start === "string") return badRequest(call, start);
  const context = contextFor(call, properties);
  const filter = call.query.get("$filter");
  if (filter !== null) {
    const byAddress = FILTER_PROXY.exec(filter);
    const match = byAddress ?? FILTER_EQ.exec(filter);
    if (!match?.[2]) return badRequest(call, "Unsupported or invalid query filter clause specified for property.", "Request_UnsupportedQuery");
    const value = match[2].replace(/''/g, "'");
    const record = byAddress ? findByProxyAddress(call, value) : findByProperty(call, (match[1] ?? "").toLowerCase(), value);
    return json(200, { "@odata.context": context, value: record ? [selectUser(record, properties)] : [] });
  }
  const store = call.tenant.mailboxes;
  const end = Math.min(store.size, start + top);
  const value: Array<Record<string, unknown>> = [];
  for (let index = start; index < end; index += 1) value.push(selectUser(store.at(index), properties));
  const body: Record<string, unknown> = { "@odata.context": context };
  if (end < store.size) body["@odata.nextLink"] = nextLink(call, end);
  body.value = value;
  return json(200, body);
}

/** GET /users/{id|upn} with $select. */
export function getUser(call: GraphCall, idOrUpn: string): SimResponse {
  const properties = parseUserSelect(call.query.get("$select"));
  if (typeof properties === "string") return badRequest(call, properties);
  const record = findUser(call, idOrUpn);
  if (!record) return resourceNotFound(call, idOrUpn);
  return json(200, { "@odata.context": `${contextFor(call, properties)}/$entity`, ...selectUser(record, properties) });
}

/** A user by id or UPN (Graph does not resolve aliases or mailbox Guids). */
export function findUser(call: GraphCall, idOrUpn: string): MailboxRecord | undefined {
  const record = call.tenant.mailboxes.find(idOrUpn);
  if (!record) return undefined;
  const key = idOrUpn.toLowerCase();
  return key === record.id || key === record.userPrincipalName.toLowerCase() ? record : undefined;
}

/** The user whose id, UPN or mail (the primary address) is the value: an alias matches none of them. */
function findByProperty(call: GraphCall, property: string, value: string): MailboxRecord | undefined {
  const record = call.tenant.mailboxes.find(value);
  const actual = property === "id" ? record?.id : property === "mail" && !record?.hasMailbox ? undefined : record?.userPrincipalName;
  return actual?.toLowerCase() === value.toLowerCase() ? record : undefined;
}

/** The user with this SMTP address among their proxyAddresses (the primary or another). */
function findByProxyAddress(call: GraphCall, address: string): MailboxRecord | undefined {
  const record = call.tenant.mailboxes.find(address);
  return record?.hasMailbox && [record.userPrincipalName, ...record.proxyAddresses].some((a) => a.toLowerCase() === address.toLowerCase()) ? record : undefined;
}

function contextFor(call: GraphCall, properties: readonly string[]): string {
  return properties === DEFAULT_USER_PROPERTIES ? odataContext(call, "users") : odataContext(call, `users(${properties.join(",")})`);
}
