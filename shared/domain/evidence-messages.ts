import { renderCoded, type Catalogue, type CodedText } from "./coded-text";
import type { Locale } from "./types";

/**
 * What the live state shows for a confirmed cause, in every locale (the reading it rests on: cmdlet
 * and property names stay as Microsoft spells them). Terms as request-reasons.ts.
 */
export const EVIDENCE_MESSAGES = {
  "mailbox-follows-org-off": { en: "the mailbox follows the organisation (SmtpClientAuthenticationDisabled = null) and the organisation has SMTP AUTH off", bg: "пощенската кутия следва организацията (SmtpClientAuthenticationDisabled = null), а в организацията SMTP AUTH е изключен" },
  "ca-blocks-legacy": { en: "Conditional Access blocks legacy authentication for this user: {policies}", bg: "условният достъп блокира остарялото удостоверяване за този потребител: {policies}" },
  "ca-blocks-legacy-managed": {
    en: "Conditional Access blocks legacy authentication for this user: {policies}; \"{managed}\" is a Microsoft-managed policy, introduced in report-only on {created}, which Microsoft turns on no sooner than {earliest} (45 days) unless it is set Off; last changed {changed}",
    bg: "условният достъп блокира остарялото удостоверяване за този потребител: {policies}; „{managed}“ е политика, управлявана от Microsoft, въведена в режим само за отчет на {created}, която Microsoft включва не по-рано от {earliest} (45 дни), освен ако е изключена; последна промяна {changed}",
  },
  "basic-auth-default-off": {
    en: "basic authentication for SMTP AUTH is off by default in the tenant since the end of December 2026 (MC786329; taken as off by SMTP_BASIC_AUTH_DEFAULT=off, as Microsoft documents no way to read it)",
    bg: "основното удостоверяване за SMTP AUTH е изключено по подразбиране в организацията от края на декември 2026 г. (MC786329; прието за изключено чрез SMTP_BASIC_AUTH_DEFAULT=off, тъй като Microsoft не описва как да се прочете)",
  },
  "mailbox-smtp-auth-off": { en: "Get-CASMailbox SmtpClientAuthenticationDisabled = true", bg: "Get-CASMailbox показва SmtpClientAuthenticationDisabled = true" },
  "security-defaults-on": { en: "security defaults are on for the tenant", bg: "настройките за сигурност по подразбиране са включени за цялата организация" },
  "per-user-mfa-enforced": { en: "per-user MFA is enforced for this user", bg: "MFA за този потребител е наложено (enforced)" },
  "auth-policy-blocks-smtp": { en: "authentication policy \"{policy}\" has AllowBasicAuthSmtp = false", bg: "политиката за удостоверяване „{policy}“ има AllowBasicAuthSmtp = false" },
  "account-disabled": { en: "the account is disabled in Entra ID (accountEnabled = false)", bg: "акаунтът е деактивиран в Entra ID (accountEnabled = false)" },
  "mailbox-not-found": { en: "no mailbox or user {mailbox} in the tenant", bg: "при клиента няма пощенска кутия или потребител {mailbox}" },
  "mailbox-unlicensed": { en: "the user has no enabled Exchange Online plan", bg: "потребителят няма активен план за Exchange Online" },
} satisfies Catalogue;

export type EvidenceCode = keyof typeof EVIDENCE_MESSAGES;

/** Evidence in a locale. */
export function evidenceText(text: CodedText, locale: Locale): string {
  return renderCoded(text, locale, EVIDENCE_MESSAGES);
}
