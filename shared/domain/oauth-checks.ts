import type { Diagnosis } from "./diagnose";
import type { Layer } from "./layer";
import { effectiveSmtpAuthDisabled, type MailboxState } from "./mailbox-state";
import { message } from "./plan-messages";
import type { RemediationPlan } from "./plan-remediation";
import type { CauseId } from "./types";

/** The causes the oauth-app path answers; naming one is what makes diagnosis read that path's checks. */
export const OAUTH_CAUSES: ReadonlySet<CauseId> = new Set(["oauth-token-wrong-user", "oauth-app-not-permitted", "oauth-client-credentials-invalid", "oauth-refresh-token-expired"]);

/** What the oauth-app path checks before it changes anything, in the path's order. */
export type OAuthCheckName = "exchange-service-principal" | "app-mailbox-access" | "mailbox-smtp-auth";

/** "unknown" when the read failed: never taken for "missing". */
export type OAuthCheckStatus = "ok" | "missing" | "unknown";

export interface OAuthCheck {
  check: OAuthCheckName;
  status: OAuthCheckStatus;
  detail: string;
}

/** One of the path's own step reads: whether its step would find the setting right, and the value it read. */
export type StepReading = Layer<{ right: boolean; value: string }>;

/** The app-side reads, made only when an app id was given. */
export interface OAuthAppReads {
  appId: string;
  registration: StepReading;
  mailboxAccess: StepReading;
}

/** True when the diagnosis names an OAuth cause as confirmed or possible. */
export function oauthCauseIdentified(diagnosis: Diagnosis): boolean {
  return diagnosis.causes.some((c) => OAUTH_CAUSES.has(c.id) && (c.verdict === "confirmed" || c.verdict === "possible"));
}

function fromStep(check: OAuthCheckName, reading: StepReading, what: string): OAuthCheck {
  if (!reading.known) return { check, status: "unknown", detail: `could not read ${what}: ${reading.reason}` };
  return { check, status: reading.value.right ? "ok" : "missing", detail: `${what}: ${reading.value.value}` };
}

// The org and mailbox SMTP AUTH switches govern OAuth submission too ("SMTP AUTH supports modern authentication":
// learn.microsoft.com/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission).
function smtpAuthCheck(state: MailboxState): OAuthCheck {
  const check = "mailbox-smtp-auth";
  const effective = effectiveSmtpAuthDisabled(state);
  if (!effective.known) return { check, status: "unknown", detail: `could not read whether SMTP AUTH is on for the mailbox: ${effective.reason}` };
  const from = state.mailboxSmtpAuthDisabled.known && state.mailboxSmtpAuthDisabled.value !== null ? "the mailbox's own setting" : "the organisation setting the mailbox follows";
  return effective.value
    ? { check, status: "missing", detail: `SMTP AUTH is off for the mailbox (${from}); OAuth SMTP needs it on` }
    : { check, status: "ok", detail: `SMTP AUTH is on for the mailbox (${from})` };
}

/** The oauth-app path's checks as live state and the app reads answer them; the app's two only with an app id. */
export function oauthChecks(state: MailboxState, app?: OAuthAppReads): OAuthCheck[] {
  const appChecks = app
    ? [
        fromStep("exchange-service-principal", app.registration, `the service principal of app ${app.appId} in Exchange (Get-ServicePrincipal)`),
        fromStep("app-mailbox-access", app.mailboxAccess, `the app's access to ${state.mailbox} (Get-MailboxPermission)`),
      ]
    : [];
  return [...appChecks, smtpAuthCheck(state)];
}

/**
 * The plan's suggestion: the oauth-app path, naming what it would add and what could not be read.
 * Text only: it adds no step, so the never-weaken rule holds whatever the checks say.
 */
export function withOAuthSuggestion(plan: RemediationPlan, checks: OAuthCheck[], appId: string | undefined): RemediationPlan {
  const named = (status: OAuthCheckStatus): string => checks.filter((c) => c.status === status).map((c) => c.check).join(", ");
  const values = { appId: appId ?? "<the app's client id>", missing: named("missing"), unread: named("unknown") };
  const lines = [
    message(values.missing ? "oauthPathMissing" : "oauthPathNothingMissing", plan.locale, values),
    ...(values.unread ? [message("oauthPathUnread", plan.locale, values)] : []),
    ...(appId ? [] : [message("oauthPathNeedsAppId", plan.locale)]),
  ];
  if (!plan.attention) return { ...plan, notes: [...plan.notes, ...lines] };
  return { ...plan, attention: { ...plan.attention, guidance: [...lines, ...plan.attention.guidance] } };
}
