import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NEVER_WEAKEN } from "../../../shared/domain/causes";
import { diagnose } from "../../../shared/domain/diagnose";
import { known, unknown } from "../../../shared/domain/layer";
import type { MailboxState } from "../../../shared/domain/mailbox-state";
import { ESTABLISHED_TEXT, planRemediation } from "../../../shared/domain/plan-remediation";
import { readErrorText } from "../../../shared/domain/read-error-text";
import { AFTER_RETIREMENT, BEFORE_RETIREMENT, policy, workingMailbox } from "./support/mailbox-state-builder";

/** Reports of the causes that never weaken, one or more per cause. */
const NEVER_WEAKEN_REPORTS = [
  "AUTH XOAUTH2 → 535 5.7.3 Authentication unsuccessful",
  "XOAUTH2: 550 5.7.60 SMTP; Client does not have permissions to send as this sender [SendAsDenied]",
  "AADSTS7000215: Invalid client secret provided.",
  "AADSTS7000222: The provided client secret keys for app are expired.",
  "AADSTS700016: Application with identifier 'x' was not found in the directory 'Contoso'.",
  "invalid_grant AADSTS700082: The refresh token has expired due to inactivity.",
  "AADSTS50173: The provided grant has expired due to it being revoked.",
  "ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number",
  "javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?",
  "Cannot connect to SMTP server. SSL negotiation failed.",
  "no shared cipher",
  "554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException",
  "550 5.7.606 Access denied, banned sending IP [185.234.72.45].",
  "550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains.",
  "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.",
  "Falha na autenticação (XOAUTH2) 535 5.7.3",
];

/** Text that looks like a reason to weaken the tenant. */
const WEAKENING_LOOKING = [
  "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.",
  "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.",
  "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy.",
  "AADSTS50076: you must use multi-factor authentication",
  "per-user MFA is enforced for the scanner",
  "please just turn off security defaults",
  "Error de autenticación",
  "Неуспешно удостоверяване",
];

const LAYER = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: value.map((v) => known(v)) }, { weight: 1, arbitrary: fc.constant(unknown("Graph 403")) });

/** Any live state: every layer read or not, wrong or right. */
const STATE: fc.Arbitrary<MailboxState> = fc.record({
  securityDefaultsEnabled: LAYER(fc.boolean()),
  orgSmtpAuthDisabled: LAYER(fc.boolean()),
  mailboxSmtpAuthDisabled: LAYER(fc.constantFrom(true, false, null)),
  perUserMfaState: LAYER(fc.constantFrom("disabled" as const, "enabled" as const, "enforced" as const)),
  privilegedRoles: LAYER(fc.constantFrom([] as string[], ["Global Administrator"])),
}).map((layers) => ({ ...workingMailbox(), ...layers }));

const REPORT = fc.record({
  neverWeaken: fc.subarray(NEVER_WEAKEN_REPORTS, { minLength: 1, maxLength: 3 }),
  weakening: fc.subarray(WEAKENING_LOOKING, { maxLength: 3 }),
  order: fc.boolean(),
});

describe("the never-weaken rule", () => {
  it("plans no step while a report establishes an OAuth, TLS or not-smtp-auth cause, whatever else it says and whatever the live state", () => {
    fc.assert(
      fc.property(REPORT, STATE, fc.constantFrom(BEFORE_RETIREMENT, AFTER_RETIREMENT), ({ neverWeaken, weakening, order }, state, now) => {
        const parts = order ? [...neverWeaken, ...weakening] : [...weakening, ...neverWeaken];
        const reading = readErrorText(parts.join("\n"));
        const diagnosis = diagnose({ text: reading, state, now });
        const plan = planRemediation(diagnosis, state, policy({ allowTenantWideChanges: true }));
        const establishes = reading.causes.some((c) => NEVER_WEAKEN.has(c.id) && c.confidence >= ESTABLISHED_TEXT);
        if (establishes) expect(plan.steps).toEqual([]);
        // Either way, a step is only ever there for a cause the live state confirmed, never for a never-weaken one.
        for (const step of plan.steps) {
          const why = diagnosis.causes.filter((c) => c.fixStep === step.name && c.verdict === "confirmed");
          expect(why.length).toBeGreaterThan(0);
          expect(why.some((c) => NEVER_WEAKEN.has(c.id))).toBe(false);
        }
      }),
      { numRuns: 600, seed: 20261207 },
    );
  });

  it("establishes a never-weaken cause for each report above on its own, so the rule is exercised", () => {
    for (const report of NEVER_WEAKEN_REPORTS.filter((r) => !/535 5\.7\.3/.test(r))) {
      const first = readErrorText(report).causes[0];
      expect(NEVER_WEAKEN.has(first?.id ?? "unknown"), report).toBe(true);
      expect(first?.confidence ?? 0, report).toBeGreaterThanOrEqual(ESTABLISHED_TEXT);
    }
  });

  it("still fixes a setting the live state confirms when the report only suggests an OAuth cause (OAuth SMTP needs SMTP AUTH on)", () => {
    const reading = readErrorText("AUTH XOAUTH2 → 535 5.7.3 Authentication unsuccessful");
    expect(reading.causes[0]?.id).toBe("oauth-app-not-permitted");
    const state: MailboxState = { ...workingMailbox(), mailboxSmtpAuthDisabled: known(true) };
    const plan = planRemediation(diagnose({ text: reading, state, now: BEFORE_RETIREMENT }), state, policy());
    expect(plan.steps.map((s) => s.name)).toEqual(["enable-mailbox-smtp-auth"]);
  });

  it("stops for a person with the oauth-app path as advice when every setting is right", () => {
    const reading = readErrorText("AUTH XOAUTH2 → 535 5.7.3 Authentication unsuccessful");
    const state = workingMailbox();
    const plan = planRemediation(diagnose({ text: reading, state, now: BEFORE_RETIREMENT }), state, policy());
    expect(plan.outcome).toBe("needs-attention");
    expect(plan.attention?.causes).toContain("oauth-app-not-permitted");
    expect(plan.attention?.guidance.join(" ")).toContain('"path": "oauth-app"');
  });
});
