import { describe, expect, it } from "vitest";
import { diagnose } from "../../../shared/domain/diagnose";
import { planRemediation } from "../../../shared/domain/plan-remediation";
import { readErrorText } from "../../../shared/domain/read-error-text";
import { known } from "../../../shared/domain/layer";
import { AFTER_RETIREMENT, BEFORE_RETIREMENT, policy, workingMailbox } from "./support/mailbox-state-builder";

const GENERIC = readErrorText("AUTH LOGIN ... 535 5.7.3 Authentication unsuccessful");
const retired = (d: ReturnType<typeof diagnose>) => d.causes.find((c) => c.id === "basic-auth-retired");

describe("the tenant basic-auth default as its own layer (SMTP_BASIC_AUTH_DEFAULT)", () => {
  it("off: a confirmed layer that stops the plan, weakening nothing, with evidence in both languages", () => {
    const state = { ...workingMailbox(), mailboxSmtpAuthDisabled: known(true) };
    const d = diagnose({ text: GENERIC, state, now: BEFORE_RETIREMENT, basicAuthDefault: "off" });
    expect(retired(d)).toMatchObject({ verdict: "confirmed", evidenceCode: { code: "basic-auth-default-off" } });
    expect(retired(d)?.evidence[0]).toContain("MC786329");
    const plan = planRemediation(d, state, policy());
    expect(plan.steps).toEqual([]);
    expect(plan.attention?.causes).toContain("basic-auth-retired");
  });

  it("on: the layer is ruled out even after the date, so a wrong setting is fixed as before", () => {
    const state = { ...workingMailbox(), mailboxSmtpAuthDisabled: known(true) };
    const d = diagnose({ text: GENERIC, state, now: AFTER_RETIREMENT, basicAuthDefault: "on" });
    expect(retired(d)?.verdict).toBe("ruled-out");
    expect(planRemediation(d, state, policy()).steps.map((s) => s.name)).toEqual(["enable-mailbox-smtp-auth"]);
  });

  it("date (the default) reasons from the date as before, and an OAuth client is never judged by the layer", () => {
    const state = workingMailbox();
    expect(retired(diagnose({ text: GENERIC, state, now: AFTER_RETIREMENT }))?.verdict).toBe("possible");
    expect(retired(diagnose({ text: GENERIC, state, now: AFTER_RETIREMENT, basicAuthDefault: "date" }))?.verdict).toBe("possible");
    const oauth = diagnose({ text: readErrorText("AUTH XOAUTH2 535 5.7.3 Authentication unsuccessful"), state, now: AFTER_RETIREMENT, basicAuthDefault: "off" });
    expect(retired(oauth)?.verdict).toBe("ruled-out");
  });
});
