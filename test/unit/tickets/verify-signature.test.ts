import { describe, expect, it } from "vitest";
import { constantTimeEquals, signJira, signZendesk, verifySignature, ZENDESK_REPLAY_WINDOW_MS } from "../../../shared/tickets/verify-signature";
import { NOW, SECRETS, fixture, signedHeaders } from "./support/deliveries";

const body = fixture("zendesk-ticket-created.json");
const jiraBody = fixture("jira-issue-created.json");

function zendeskAt(offsetMs: number): Record<string, string> {
  return signedHeaders("zendesk", body, SECRETS.zendesk, new Date(NOW.getTime() + offsetMs));
}

describe("verifySignature", () => {
  it("accepts a Zendesk delivery signed over timestamp + raw body", () => {
    expect(verifySignature({ system: "zendesk", rawBody: body, headers: zendeskAt(0), secret: SECRETS.zendesk, now: NOW })).toBe(true);
  });

  it("refuses a Zendesk delivery whose body changed after signing", () => {
    const headers = zendeskAt(0);
    expect(verifySignature({ system: "zendesk", rawBody: body.replace("4182", "4183"), headers, secret: SECRETS.zendesk, now: NOW })).toBe(false);
  });

  it("refuses a Zendesk signature made with another secret", () => {
    const headers = signedHeaders("zendesk", body, "not-the-secret");
    expect(verifySignature({ system: "zendesk", rawBody: body, headers, secret: SECRETS.zendesk, now: NOW })).toBe(false);
  });

  it("accepts a Zendesk timestamp at the edge of the replay window and refuses one just past it", () => {
    const edge = ZENDESK_REPLAY_WINDOW_MS - 1000;
    const past = ZENDESK_REPLAY_WINDOW_MS + 1000;
    const check = (offset: number): boolean =>
      verifySignature({ system: "zendesk", rawBody: body, headers: zendeskAt(offset), secret: SECRETS.zendesk, now: NOW });
    expect([check(-edge), check(edge), check(-past), check(past)]).toEqual([true, true, false, false]);
  });

  it("refuses a Zendesk delivery whose timestamp header was swapped for a fresh one", () => {
    const stale = zendeskAt(-ZENDESK_REPLAY_WINDOW_MS * 3);
    const headers = { ...stale, "x-zendesk-webhook-signature-timestamp": NOW.toISOString() };
    expect(verifySignature({ system: "zendesk", rawBody: body, headers, secret: SECRETS.zendesk, now: NOW })).toBe(false);
  });

  it("accepts a Jira X-Hub-Signature over the raw body and refuses a forged one", () => {
    const good = { "x-hub-signature": signJira(SECRETS.jira, jiraBody) };
    const forged = { "x-hub-signature": signJira("guess", jiraBody) };
    const malformed = { "x-hub-signature": "sha1=abc" };
    const verdicts = [good, forged, malformed].map((headers) =>
      verifySignature({ system: "jira", rawBody: jiraBody, headers, secret: SECRETS.jira, now: NOW }),
    );
    expect(verdicts).toEqual([true, false, false]);
  });

  it("accepts a Jira Automation request carrying the bearer secret", () => {
    const headers = { authorization: `Bearer ${SECRETS.jira}` };
    expect(verifySignature({ system: "jira", rawBody: jiraBody, headers, secret: SECRETS.jira, now: NOW })).toBe(true);
  });

  it.each(["servicenow", "freshservice", "halopsa", "generic"] as const)("accepts %s only with the exact bearer secret", (system) => {
    const verdict = (authorization: string | undefined): boolean =>
      verifySignature({ system, rawBody: "{}", headers: { authorization }, secret: SECRETS[system], now: NOW });
    expect([
      verdict(`Bearer ${SECRETS[system]}`),
      verdict(`bearer ${SECRETS[system]}`),
      verdict(`Bearer ${SECRETS[system]}x`),
      verdict(`Basic ${SECRETS[system]}`),
      verdict(undefined),
    ]).toEqual([true, true, false, false, false]);
  });

  it("refuses every delivery for a system without a configured secret, even one signed with an empty key", () => {
    const zendesk = signedHeaders("zendesk", body, "");
    expect(verifySignature({ system: "zendesk", rawBody: body, headers: zendesk, secret: undefined, now: NOW })).toBe(false);
    expect(verifySignature({ system: "zendesk", rawBody: body, headers: zendesk, secret: "", now: NOW })).toBe(false);
    expect(verifySignature({ system: "generic", rawBody: "{}", headers: { authorization: "Bearer " }, secret: "", now: NOW })).toBe(false);
  });

  it("compares strings of different lengths without throwing", () => {
    expect([constantTimeEquals("a", "a"), constantTimeEquals("a", "ab"), constantTimeEquals("", "")]).toEqual([true, false, true]);
    expect(signZendesk("k", "t", "b")).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });
});
