import { graphError } from "./graph-call";
import { json, type SimResponse } from "../http/sim-http";
import type { OperatorDirectory } from "../identity/operator-directory";

/** What the app may read of the operators' own tenant: `GET /users/{id|upn}` (User.Read.All there), nothing else. */
export function operatorDirectoryGraph(directory: OperatorDirectory, method: string, segments: readonly string[], query: URLSearchParams, ids: { requestId: string; clientRequestId: string }): SimResponse {
  if (method !== "GET" || segments.length !== 2 || segments[0] !== "users") {
    return graphError(ids, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  const operator = directory.find(segments[1] ?? "");
  if (!operator?.oid) return graphError(ids, 404, "Request_ResourceNotFound", `Resource '${segments[1] ?? ""}' does not exist or one of its queried reference-property objects are not present.`);
  const mail = operator.email ?? operator.upn;
  const user: Record<string, unknown> = {
    id: operator.oid,
    userPrincipalName: operator.upn,
    displayName: operator.name ?? operator.upn,
    mail,
    accountEnabled: true,
    userType: "Member",
    assignedPlans: [],
    // As Graph lists them: `SMTP:` the primary address, `smtp:` each further one.
    proxyAddresses: [`SMTP:${mail}`, ...(operator.proxyAddresses ?? []).map((a) => `smtp:${a}`)],
  };
  const select = query.get("$select")?.split(",").map((p) => p.trim()).filter(Boolean);
  return json(200, select ? Object.fromEntries(Object.entries(user).filter(([k]) => select.includes(k))) : user);
}
