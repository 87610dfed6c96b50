import type { CommentRequest } from "../comment-request";

/** A JSON write with the given headers (credentials among them); the body is serialised here. */
export function jsonCall(method: "POST" | "PUT" | "PATCH", url: string, body: unknown, headers: Record<string, string> = {}): CommentRequest {
  return { kind: "request", method, url, headers: { "content-type": "application/json", accept: "application/json", ...headers }, body: JSON.stringify(body) };
}

/** The connection's whole Authorization header value, when it has one. */
export function authorizationHeader(credentials: Readonly<Record<string, string>>): Record<string, string> {
  return credentials["authorization"] ? { authorization: credentials["authorization"] } : {};
}
