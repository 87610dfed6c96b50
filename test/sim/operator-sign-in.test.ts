import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AuthorizationCodes } from "../../dev/sim/identity/authorization-codes";
import { handleAuthorize } from "../../dev/sim/identity/sign-in-page";
import { OperatorDirectory } from "../../dev/sim/identity/operator-directory";
import type { SimRequest } from "../../dev/sim/http/sim-http";

const VERIFIER = "a".repeat(50);
const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");
const CLIENT = "console-client";
const REDIRECT = "http://127.0.0.1:7071/api/console";
const grant = { upn: "ops@msp.example", clientId: CLIENT, redirectUri: REDIRECT, scope: "api://x/access_as_user", codeChallenge: CHALLENGE };

function authorizeRequest(method: "GET" | "POST", params: Record<string, string>): SimRequest {
  const query = new URLSearchParams(params);
  return { method, url: new URL(`https://127.0.0.1:7080/t/oauth2/v2.0/authorize${method === "GET" ? `?${query}` : ""}`), headers: {}, body: method === "POST" ? query.toString() : "", baseUrl: "https://127.0.0.1:7080" };
}
const PARAMS = { client_id: CLIENT, response_type: "code", redirect_uri: REDIRECT, scope: "openid api://x/access_as_user", state: "s1", nonce: "n1", code_challenge: CHALLENGE, code_challenge_method: "S256" };

describe("the simulator's operator sign-in", () => {
  it("redeems a code once, and only with the verifier, client and redirect URI it was issued for", () => {
    const codes = new AuthorizationCodes();
    const wrongVerifier = codes.issue(grant);
    expect(codes.redeem(wrongVerifier, { clientId: CLIENT, redirectUri: REDIRECT, codeVerifier: "b".repeat(50) })).toMatchObject({ ok: false });
    expect(codes.redeem(wrongVerifier, { clientId: CLIENT, redirectUri: REDIRECT, codeVerifier: VERIFIER })).toMatchObject({ ok: false }); // spent by the failed try
    const wrongRedirect = codes.issue(grant);
    expect(codes.redeem(wrongRedirect, { clientId: CLIENT, redirectUri: "http://127.0.0.1:9999/", codeVerifier: VERIFIER })).toMatchObject({ ok: false });
    const good = codes.issue(grant);
    expect(codes.redeem(good, { clientId: CLIENT, redirectUri: REDIRECT, codeVerifier: VERIFIER })).toEqual({ ok: true, grant });
    expect(codes.redeem(good, { clientId: CLIENT, redirectUri: REDIRECT, codeVerifier: VERIFIER })).toMatchObject({ ok: false });
  });

  it("lets a code expire after ten minutes", () => {
    const codes = new AuthorizationCodes();
    const code = codes.issue(grant, 0);
    expect(codes.redeem(code, { clientId: CLIENT, redirectUri: REDIRECT, codeVerifier: VERIFIER }, 10 * 60_000 + 1)).toMatchObject({ ok: false });
  });

  it("shows one button per operator and redirects the chosen one back with a code and the state", () => {
    const operators = new OperatorDirectory();
    operators.register({ upn: "Ops@MSP.example", roles: ["Remediation.Read"] });
    operators.register({ upn: "approver@msp.example", roles: ["Remediation.Approve"] });
    const deps = { operators, codes: new AuthorizationCodes(), clientId: CLIENT };
    const page = handleAuthorize(authorizeRequest("GET", PARAMS), "t", deps);
    expect(page.status).toBe(200);
    expect(String(page.body).match(/data-upn="[^"]+"/g)).toEqual(['data-upn="approver@msp.example"', 'data-upn="ops@msp.example"']);
    const chosen = handleAuthorize(authorizeRequest("POST", { ...PARAMS, upn: "ops@msp.example" }), "t", deps);
    expect(chosen.status).toBe(302);
    const location = new URL(String(chosen.headers?.location));
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    const reply = new URLSearchParams(location.hash.slice(1));
    expect(reply.get("state")).toBe("s1");
    expect(deps.codes.redeem(reply.get("code") ?? "", { clientId: CLIENT, redirectUri: REDIRECT, codeVerifier: VERIFIER })).toMatchObject({ ok: true, grant: { upn: "ops@msp.example", nonce: "n1" } });
  });

  it.each([
    ["another client", { client_id: "someone-else" }],
    ["a redirect URI off this machine", { redirect_uri: "https://evil.example/cb" }],
    ["no PKCE", { code_challenge: "" }],
    ["the plain PKCE method", { code_challenge_method: "plain" }],
    ["the implicit flow", { response_type: "token" }],
  ])("refuses %s", (_name, change) => {
    const deps = { operators: new OperatorDirectory(), codes: new AuthorizationCodes(), clientId: CLIENT };
    expect(handleAuthorize(authorizeRequest("GET", { ...PARAMS, ...change }), "t", deps).status).toBe(400);
  });
});
