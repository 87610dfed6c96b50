import type { CodedText } from "./coded-text";
import { evidenceText, type EvidenceCode } from "./evidence-messages";
import type { Layer } from "./layer";
import { earliestEnforcement } from "./microsoft-managed-policies";
import { effectiveSmtpAuthDisabled, type MailboxState } from "./mailbox-state";
import type { AuthMethod } from "./read-error-text";
import type { CauseId } from "./types";

/** What live state says about one cause. */
export interface LiveCheck {
  verdict: "confirmed" | "ruled-out" | "unknown";
  evidence: string;
  /** A confirmation's evidence as a code, for readers in other languages (evidence-messages.ts). */
  evidenceCode?: CodedText;
}

/** The MailboxState fields, named for people ("could not read security defaults"). */
export const LAYER_LABELS = {
  securityDefaultsEnabled: "security defaults",
  orgSmtpAuthDisabled: "the organisation's SMTP AUTH setting",
  mailboxExists: "whether the mailbox exists",
  mailboxSmtpAuthDisabled: "the mailbox's SMTP AUTH setting",
  perUserMfaState: "per-user MFA",
  accountEnabled: "whether the account is enabled",
  exchangeLicensed: "the Exchange licence",
  privilegedRoles: "the user's directory roles",
  blockingCaPolicies: "Conditional Access policies",
  authPolicy: "the Exchange authentication policy",
} as const satisfies Partial<Record<keyof MailboxState, string>>;

/** A state field that holds a Layer. */
export type LayerField = keyof typeof LAYER_LABELS;

function unread(field: LayerField, layer: Layer<unknown>): LiveCheck {
  return { verdict: "unknown", evidence: `could not read ${LAYER_LABELS[field]}${layer.known ? "" : `: ${layer.reason}`}` };
}

const yes = (code: EvidenceCode, params?: CodedText["params"]): LiveCheck => {
  const evidenceCode = { code, ...(params ? { params } : {}) };
  return { verdict: "confirmed", evidence: evidenceText(evidenceCode, "en"), evidenceCode };
};
const no = (evidence: string): LiveCheck => ({ verdict: "ruled-out", evidence });

function checkTenantFlag(state: MailboxState): LiveCheck {
  const mbx = state.mailboxSmtpAuthDisabled;
  const org = state.orgSmtpAuthDisabled;
  if (mbx.known && mbx.value !== null) return no(`the mailbox sets SMTP AUTH itself (SmtpClientAuthenticationDisabled = ${mbx.value}), so the organisation setting does not apply`);
  if (org.known && !org.value) return no("SMTP AUTH is on for the organisation (Get-TransportConfig SmtpClientAuthenticationDisabled = false)");
  if (!mbx.known) return unread("mailboxSmtpAuthDisabled", mbx);
  if (!org.known) return unread("orgSmtpAuthDisabled", org);
  return yes("mailbox-follows-org-off");
}

function checkCa(state: MailboxState): LiveCheck {
  const ca = state.blockingCaPolicies;
  if (ca.known) {
    if (ca.value.length === 0) return no("no enabled Conditional Access policy blocks legacy authentication for this user");
    const policies = ca.value.map((p) => `"${p.displayName}" (${p.id})`).join(", ");
    // A Microsoft-managed block is named with its report-only → on dates: nobody in the tenant switched it on.
    const managed = ca.value.find((p) => p.microsoftManaged);
    if (!managed?.microsoftManaged) return yes("ca-blocks-legacy", { policies });
    const { createdDateTime, modifiedDateTime } = managed.microsoftManaged;
    return yes("ca-blocks-legacy-managed", {
      policies,
      managed: managed.displayName,
      created: createdDateTime?.slice(0, 10) ?? "—",
      earliest: (createdDateTime && earliestEnforcement(createdDateTime)) ?? "—",
      changed: modifiedDateTime?.slice(0, 10) ?? "—",
    });
  }
  const sd = state.securityDefaultsEnabled;
  if (sd.known && sd.value) return no("security defaults are on, and they exclude Conditional Access policies");
  return unread("blockingCaPolicies", ca);
}

const OAUTH_IMMUNE: ReadonlySet<CauseId> = new Set([
  "security-defaults-enabled",
  "per-user-mfa-enforced",
  "conditional-access-blocks-legacy-auth",
  "auth-policy-blocks-basic-smtp",
  "basic-auth-retired",
]);

/** Checks that need only the state; null for causes the state cannot tell. */
function checkState(id: CauseId, state: MailboxState): LiveCheck | null {
  switch (id) {
    case "smtp-auth-disabled-mailbox": {
      const mbx = state.mailboxSmtpAuthDisabled;
      if (!mbx.known) return unread("mailboxSmtpAuthDisabled", mbx);
      if (mbx.value === true) return yes("mailbox-smtp-auth-off");
      return no(`the mailbox does not turn SMTP AUTH off (SmtpClientAuthenticationDisabled = ${String(mbx.value)})`);
    }
    case "smtp-auth-disabled-tenant":
      return checkTenantFlag(state);
    case "security-defaults-enabled": {
      const sd = state.securityDefaultsEnabled;
      if (!sd.known) return unread("securityDefaultsEnabled", sd);
      return sd.value ? yes("security-defaults-on") : no("security defaults are off");
    }
    case "per-user-mfa-enforced": {
      const mfa = state.perUserMfaState;
      if (!mfa.known) return unread("perUserMfaState", mfa);
      if (mfa.value === "enforced") return yes("per-user-mfa-enforced");
      if (mfa.value === "enabled") return no("per-user MFA is 'enabled', not yet enforced: it becomes enforced once the user registers a method");
      return no("per-user MFA is disabled for this user");
    }
    case "conditional-access-blocks-legacy-auth":
      return checkCa(state);
    case "auth-policy-blocks-basic-smtp": {
      const ap = state.authPolicy;
      if (!ap.known) return unread("authPolicy", ap);
      const name = ap.value.policyName ?? "(none)";
      return ap.value.allowBasicAuthSmtp ? no(`authentication policy ${name} allows basic SMTP`) : yes("auth-policy-blocks-smtp", { policy: name });
    }
    case "account-disabled": {
      const acc = state.accountEnabled;
      if (!acc.known) return unread("accountEnabled", acc);
      return acc.value ? no("the account is enabled") : yes("account-disabled");
    }
    case "mailbox-not-found": {
      const ex = state.mailboxExists;
      if (!ex.known) return unread("mailboxExists", ex);
      return ex.value ? no("the mailbox exists") : yes("mailbox-not-found", { mailbox: state.mailbox });
    }
    case "mailbox-unlicensed": {
      const lic = state.exchangeLicensed;
      if (!lic.known) return unread("exchangeLicensed", lic);
      return lic.value ? no("the user has an enabled Exchange Online plan") : yes("mailbox-unlicensed");
    }
    default:
      return null;
  }
}

/**
 * What the live state (and the client's auth method) says about one cause; null when neither can
 * tell. An OAuth client is not affected by the layers that only block basic authentication.
 */
export function checkCause(id: CauseId, state: MailboxState | undefined, authMethod: AuthMethod): LiveCheck | null {
  if (authMethod === "oauth" && OAUTH_IMMUNE.has(id)) {
    return no("the client authenticates with OAuth (XOAUTH2), which this layer does not block");
  }
  return state ? checkState(id, state) : null;
}

/** The layers of a state that could not be read, with the reader's reason. */
export function unreadLayers(state: MailboxState): Array<{ layer: LayerField; label: string; reason: string }> {
  return (Object.keys(LAYER_LABELS) as LayerField[]).flatMap((field) => {
    const layer = state[field];
    return layer.known ? [] : [{ layer: field, label: LAYER_LABELS[field], reason: layer.reason }];
  });
}
