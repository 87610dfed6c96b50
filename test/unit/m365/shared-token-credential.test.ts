import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { shareTokenRequests, TOKEN_REFRESH_MARGIN_MS } from "../../../shared/m365/shared-token-credential";

const GRAPH = "https://graph.microsoft.com/.default";
const EXCHANGE = "https://outlook.office365.com/.default";
const HOUR = 3_600_000;

/** A credential that counts requests and answers each only when the test releases it. */
function countingCredential(now: () => number) {
  const asked: Array<{ scopes: string[]; options?: GetTokenOptions }> = [];
  const pending: Array<{ resolve: (t: AccessToken) => void; reject: (e: Error) => void }> = [];
  const credential: TokenCredential = {
    getToken(scopes, options) {
      asked.push({ scopes: [scopes].flat(), options });
      return new Promise<AccessToken>((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
  const release = (n: number) => pending.shift()!.resolve({ token: `token-${n}`, expiresOnTimestamp: now() + HOUR });
  const fail = (error: Error) => pending.shift()!.reject(error);
  return { credential, asked, release, fail };
}

describe("shareTokenRequests", () => {
  it("makes one token request for many concurrent callers of the same scope", async () => {
    const now = () => 1_000;
    const fake = countingCredential(now);
    const shared = shareTokenRequests(fake.credential, { now });
    const callers = Array.from({ length: 25 }, () => shared.getToken(GRAPH));
    fake.release(1);
    const tokens = await Promise.all(callers);
    expect(fake.asked).toHaveLength(1);
    expect(new Set(tokens.map((t) => t?.token))).toEqual(new Set(["token-1"]));
  });

  it("asks once per scope: Graph and Exchange tokens are different tokens", async () => {
    const now = () => 1_000;
    const fake = countingCredential(now);
    const shared = shareTokenRequests(fake.credential, { now });
    const graph = [shared.getToken(GRAPH), shared.getToken([GRAPH])];
    const exchange = shared.getToken(EXCHANGE);
    fake.release(1);
    fake.release(2);
    expect((await Promise.all(graph)).map((t) => t?.token)).toEqual(["token-1", "token-1"]);
    expect((await exchange)?.token).toBe("token-2");
    expect(fake.asked.map((a) => a.scopes)).toEqual([[GRAPH], [EXCHANGE]]);
  });

  it("hands out the kept token until the refresh margin before expiry, then asks again", async () => {
    let clock = 0;
    const now = () => clock;
    const fake = countingCredential(now);
    const shared = shareTokenRequests(fake.credential, { now });
    const first = shared.getToken(GRAPH);
    fake.release(1);
    await first;
    clock = HOUR - TOKEN_REFRESH_MARGIN_MS - 1;
    expect((await shared.getToken(GRAPH))?.token).toBe("token-1");
    expect(fake.asked).toHaveLength(1);
    clock = HOUR - TOKEN_REFRESH_MARGIN_MS;
    const renewed = shared.getToken(GRAPH);
    fake.release(2);
    expect((await renewed)?.token).toBe("token-2");
    expect(fake.asked).toHaveLength(2);
  });

  it("gives every waiting caller the failure and keeps nothing, so the next caller asks again", async () => {
    const now = () => 0;
    const fake = countingCredential(now);
    const shared = shareTokenRequests(fake.credential, { now });
    const callers = [shared.getToken(GRAPH), shared.getToken(GRAPH)];
    fake.fail(Object.assign(new Error("AADSTS7000215: Invalid client secret provided."), { name: "AuthenticationError" }));
    for (const c of callers) await expect(c).rejects.toMatchObject({ name: "AuthenticationError" });
    const again = shared.getToken(GRAPH);
    fake.release(2);
    expect((await again)?.token).toBe("token-2");
    expect(fake.asked).toHaveLength(2);
  });

  it("lets one caller give up on its own signal without cancelling the request for the others", async () => {
    const now = () => 0;
    const fake = countingCredential(now);
    const shared = shareTokenRequests(fake.credential, { now });
    const impatient = new AbortController();
    const first = shared.getToken(GRAPH, { abortSignal: impatient.signal });
    const second = shared.getToken(GRAPH);
    impatient.abort();
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    fake.release(1);
    expect((await second)?.token).toBe("token-1");
    expect(fake.asked[0]!.options?.abortSignal).not.toBe(impatient.signal);
  });

  it("passes a claims challenge straight through, never sharing or keeping its token", async () => {
    const now = () => 0;
    const fake = countingCredential(now);
    const shared = shareTokenRequests(fake.credential, { now });
    const plain = shared.getToken(GRAPH);
    const challenged = shared.getToken(GRAPH, { claims: "eyJhY2Nlc3NfdG9rZW4iOnt9fQ" });
    fake.release(1);
    fake.release(2);
    expect((await plain)?.token).toBe("token-1");
    expect((await challenged)?.token).toBe("token-2");
    expect(fake.asked).toHaveLength(2);
  });
});
