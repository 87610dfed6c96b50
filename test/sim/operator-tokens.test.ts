import { createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_OPERATOR_API_AUDIENCE, SIM_OPERATOR_TENANT_ID } from "../../dev/sim/identity/operator-tokens";
import type { RunningSimulator } from "../../dev/sim/start-simulator";
import { call, startTestSimulator } from "./support/sim-client";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startTestSimulator();
});
afterAll(async () => sim.close());

const part = (token: string, i: number) => JSON.parse(Buffer.from(token.split(".")[i] ?? "", "base64url").toString("utf8"));

describe("operator tokens", () => {
  it("issues an RS256 token for the operator tenant that its OpenID configuration's keys verify", async () => {
    const issued = await call(sim, "POST", "/_sim/operator-tokens", { body: { upn: "ops@msp.example", roles: ["Remediation.Read"] } });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: "Bearer", expires_in: 3600, access_token: expect.any(String) });
    const token = issued.body.access_token as string;
    const config = await call(sim, "GET", `/${SIM_OPERATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`);
    const claims = part(token, 1);
    expect(claims).toMatchObject({ iss: config.body.issuer, aud: SIM_OPERATOR_API_AUDIENCE, tid: SIM_OPERATOR_TENANT_ID, upn: "ops@msp.example", roles: ["Remediation.Read"], ver: "2.0" });
    const keys = await call(sim, "GET", new URL(config.body.jwks_uri).pathname);
    const header = part(token, 0);
    expect(header).toMatchObject({ alg: "RS256", kid: expect.any(String) });
    const jwk = keys.body.keys.find((k: { kid: string }) => k.kid === header.kid);
    const [h, p, s] = token.split(".");
    expect(verify("sha256", Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: "jwk" }), Buffer.from(s ?? "", "base64url"))).toBe(true);
  });

  it("gives one person one oid across tokens, and another person another", async () => {
    const mint = async (upn: string) => (await call(sim, "POST", "/_sim/operator-tokens", { body: { upn, roles: [] } })).body.oid;
    expect(await mint("Ops@MSP.example")).toBe(await mint("ops@msp.example"));
    expect(await mint("ops@msp.example")).not.toBe(await mint("other@msp.example"));
  });

  it.each([
    ["no upn", { roles: [] }],
    ["roles that are not a list of names", { upn: "a@b.example", roles: "Remediation.Read" }],
    ["an oid that is not a GUID", { upn: "a@b.example", roles: [], oid: "me" }],
    ["a zero lifetime", { upn: "a@b.example", roles: [], expiresInSeconds: 0 }],
    ["a lifetime over a day", { upn: "a@b.example", roles: [], expiresInSeconds: 86_401 }],
    ["proxy addresses that are not e-mail addresses", { upn: "a@b.example", roles: [], proxyAddresses: ["smtp:a@b.example", "alias"] }],
  ])("refuses %s with 400", async (_name, body) => {
    expect((await call(sim, "POST", "/_sim/operator-tokens", { body })).status).toBe(400);
  });

  it("keeps an operator's proxy addresses in the directory, not in the token", async () => {
    const issued = await call(sim, "POST", "/_sim/operator-tokens", { body: { upn: "erin@msp.example", roles: [], proxyAddresses: ["e.smith@msp-archive.example"] } });
    expect(issued.status).toBe(200);
    expect(JSON.stringify(part(issued.body.access_token as string, 1))).not.toContain("msp-archive");
    expect(sim.state.operators.find(issued.body.oid as string)).toMatchObject({ upn: "erin@msp.example", proxyAddresses: ["e.smith@msp-archive.example"] });
  });
});
