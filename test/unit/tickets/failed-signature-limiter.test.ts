import { describe, expect, it } from "vitest";
import { acceptWebhook } from "../../../shared/tickets/accept-webhook";
import { FAILED_SIGNATURES_PER_WINDOW, FailedSignatureLimiter } from "../../../shared/tickets/failed-signature-limiter";
import { FakeRemediations } from "./support/fake-remediations";
import { FIXTURE_BY_SYSTEM, NOW, signedDelivery, signedHeaders, fixture } from "./support/deliveries";

describe("FailedSignatureLimiter", () => {
  it("blocks an endpoint after the limit of failures in a window, for the rest of that window only", () => {
    const limiter = new FailedSignatureLimiter(3, 60_000);
    const t = 1_000_000;
    for (let i = 0; i < 2; i++) limiter.recordFailure("generic/tk_a", t + i);
    expect(limiter.blockedFor("generic/tk_a", t + 10)).toBe(0);
    limiter.recordFailure("generic/tk_a", t + 20);
    expect(limiter.blockedFor("generic/tk_a", t + 30)).toBe(60);
    expect(limiter.blockedFor("generic/tk_b", t + 30)).toBe(0);
    expect(limiter.blockedFor("generic/tk_a", t + 59_500)).toBe(1);
    expect(limiter.blockedFor("generic/tk_a", t + 60_000)).toBe(0);
  });
});

describe("acceptWebhook with the brake on failed signatures", () => {
  it("answers 429 with Retry-After, unread, once an endpoint took too many wrong signatures; other endpoints go on", async () => {
    const fake = new FakeRemediations();
    const deps = fake.deps({ failedSignatures: new FailedSignatureLimiter() });
    const body = fixture(FIXTURE_BY_SYSTEM.generic);
    for (let i = 0; i < FAILED_SIGNATURES_PER_WINDOW; i++) {
      const forged = await acceptWebhook({ system: "generic", rawBody: body, headers: signedHeaders("generic", body, "guess-" + i, NOW) }, deps);
      expect(forged.status).toBe(401);
    }
    const genuine = await acceptWebhook(signedDelivery("generic", FIXTURE_BY_SYSTEM.generic), deps);
    expect(genuine).toMatchObject({ status: 429, body: { error: { code: "TOO_MANY_FAILED_SIGNATURES" } }, headers: { "Retry-After": "60" } });
    expect(fake.requests).toEqual([]);
    const elsewhere = await acceptWebhook(signedDelivery("jira", FIXTURE_BY_SYSTEM.jira), deps);
    expect(elsewhere.status).toBe(202);
  });
});
