import { renderCoded, type Catalogue, type CodedText } from "../domain/coded-text";
import type { Locale } from "../domain/types";

/*
 * The self-contained HTML pages (audit report, readiness page) in English and Bulgarian. Terms as the
 * console's catalogue: "tenant" is "клиент" (Microsoft's "ИД на клиента"), basic authentication is
 * "основно удостоверяване".
 */
export const REPORT_PHRASES = {
  "readiness.title": { en: "Before {date}: basic-auth SMTP senders in {tenant}", bg: "Преди {date}: изпращащи с basic-auth SMTP при клиент {tenant}" },
  "readiness.meta": { en: "Audit run {runId} · generated {at} · sign-ins of the last {days} days · basic auth for SMTP AUTH is off by default from {date} ({source})", bg: "Одит {runId} · създаден {at} · вписвания от последните {days} дни · основното удостоверяване за SMTP AUTH е изключено по подразбиране от {date} ({source})" },
  "readiness.notAvailable": { en: "Not available:", bg: "Няма данни:" },
  "readiness.byPath": { en: "Senders by path", bg: "Изпращащи по път" },
  "readiness.senders": { en: "Senders", bg: "Изпращащи" },
  "readiness.none": { en: "No account sent with basic-auth SMTP in the window.", bg: "Нито един акаунт не е изпращал с basic-auth SMTP в периода." },
  "readiness.more": { en: "{count} more senders are in the JSON report.", bg: "Още {count} изпращащи има в JSON отчета." },
  "readiness.privileged": { en: "privileged", bg: "с администраторска роля" },
  "readiness.rolesUnknown": { en: "(roles unknown)", bg: "(ролите са неизвестни)" },
  "readiness.until": { en: "until {date}", bg: "до {date}" },
  "col.account": { en: "Account", bg: "Акаунт" },
  "col.lastSuccess": { en: "Last success", bg: "Последен успех" },
  "col.lastFailure": { en: "Last failure", bg: "Последна грешка" },
  "col.signIns": { en: "Sign-ins", bg: "Вписвания" },
  "col.addresses": { en: "Addresses", bg: "Адреси" },
  "col.exception": { en: "Exception", bg: "Изключение" },
  "col.path": { en: "Path and why", bg: "Път и защо" },
  "path.oauth": { en: "OAuth SMTP (XOAUTH2)", bg: "OAuth SMTP (XOAUTH2)" },
  "path.relay-connector": { en: "Relay through a connector", bg: "Препращане през конектор" },
  "path.high-volume-email": { en: "High Volume Email", bg: "High Volume Email" },
  "path.graph-sendmail": { en: "Graph sendMail", bg: "Graph sendMail" },
  "path.retire": { en: "Retire (no sign-in in 30 days)", bg: "Спиране (без вписване от 30 дни)" },
  "why.retire": { en: "No basic-auth SMTP sign-in in {days} days: turn SMTP AUTH off for this mailbox and close its exception.", bg: "Няма вписване с basic-auth SMTP от {days} дни: изключете SMTP AUTH за тази пощенска кутия и затворете изключението ѝ." },
  "why.application": { en: "The account name says it is an application: send with Microsoft Graph sendMail (app-only Mail.Send, limited to this mailbox with RBAC for Applications in Exchange Online; Microsoft says not to create new application access policies), with no SMTP password at all.", bg: "Името на акаунта показва, че е приложение: изпращайте с Microsoft Graph sendMail (Mail.Send само за приложението, ограничено до тази пощенска кутия с RBAC for Applications в Exchange Online; Microsoft съветва да не се създават нови application access policies), без SMTP парола." },
  "why.one-address": { en: "Every sign-in came from one address ({address}): if that is the site's fixed public address, an inbound connector for it relays the device's mail with no password (port 25 to your MX endpoint).", bg: "Всички вписвания са от един адрес ({address}): ако това е фиксираният публичен адрес на обекта, входящ конектор за него препраща пощата на устройството без парола (порт 25 към вашата MX крайна точка)." },
  "why.high-volume": { en: "{signIns} sign-ins in {days} days from {addresses} addresses: if it mails only people in your organisation, High Volume Email (smtp.hve.mx.microsoft) takes this volume.", bg: "{signIns} вписвания за {days} дни от {addresses} адреса: ако изпраща само до хора във вашата организация, High Volume Email (smtp.hve.mx.microsoft) поема този обем." },
  "why.oauth": { en: "Sign-ins from {addresses} addresses, so a connector bound to one address will not fit: update the device or app to OAuth SMTP (XOAUTH2, SMTP.Send) where it supports it.", bg: "Вписвания от {addresses} адреса, така че конектор за един адрес няма да пасне: обновете устройството или приложението към OAuth SMTP (XOAUTH2, SMTP.Send), където го поддържа." },
  "unavailable.no-p1": { en: "The tenant has no sign-in logs (they need Entra ID P1): basic-auth SMTP senders cannot be listed.", bg: "Клиентът няма дневници на вписванията (нужен е Entra ID P1): изпращащите с basic-auth SMTP не могат да бъдат изброени." },
  "audit.title": { en: "SMTP AUTH compliance audit: {tenant}", bg: "Одит на съответствието за SMTP AUTH: {tenant}" },
  "audit.meta": { en: "Run {runId} · started {started} · completed {completed}", bg: "Одит {runId} · започнат {started} · завършен {completed}" },
  "audit.findings": { en: "Findings", bg: "Проблеми" },
  "audit.new": { en: "New since last run", bg: "Нови от последния одит" },
  "audit.couldNotCheck": { en: "Could not check", bg: "Не можа да се провери" },
  "audit.mailboxes": { en: "Mailboxes", bg: "Пощенски кутии" },
  "audit.smtpAuthOn": { en: "SMTP AUTH on", bg: "С включен SMTP AUTH" },
  "audit.exceptions": { en: "Live exceptions", bg: "Активни изключения" },
  "audit.unknown": { en: "unknown", bg: "неизвестно" },
  "audit.trend": { en: "Trend over the last runs", bg: "Тенденция през последните одити" },
  "audit.trendLabel": { en: "Findings per audit run, oldest first: {values}", bg: "Проблеми при всеки одит, от най-стария: {values}" },
  "audit.byType": { en: "Findings by type", bg: "Проблеми по вид" },
  "audit.noFindings": { en: "No findings.", bg: "Няма проблеми." },
  "audit.more": { en: "{count} more findings are in the JSON report.", bg: "Още {count} проблема има в JSON отчета." },
  "audit.allRead": { en: "Every layer was read.", bg: "Всички слоеве бяха прочетени." },
  "audit.carried": { en: "Earlier findings not re-checked this run", bg: "По-ранни проблеми, непроверени отново при този одит" },
  "audit.ticket": { en: "ticket {system} {id}", bg: "тикет {system} {id}" },
  "col.check": { en: "Check", bg: "Проверка" },
  "col.subject": { en: "Subject", bg: "Обект" },
  "col.reason": { en: "Reason", bg: "Причина" },
  "col.severity": { en: "Severity", bg: "Тежест" },
  "col.type": { en: "Type", bg: "Вид" },
  "col.detail": { en: "Detail", bg: "Подробности" },
  "col.firstSeen": { en: "First seen", bg: "Открит за първи път" },
} satisfies Catalogue;

export type ReportPhrase = keyof typeof REPORT_PHRASES;

/** A page phrase in a locale, `{name}` filled from params. */
export function phrase(key: ReportPhrase, locale: Locale, params?: CodedText["params"]): string {
  return renderCoded({ code: key, ...(params ? { params } : {}) }, locale, REPORT_PHRASES);
}

/** Coded page text (a sender's `whyCode`) in a locale. */
export function reportText(text: CodedText, locale: Locale): string {
  return renderCoded(text, locale, REPORT_PHRASES);
}

/** The page's locale from `?locale=` (the console sends its own); English for anything else. */
export function reportLocale(value: string | null | undefined): Locale {
  return value === "bg" ? "bg" : "en";
}
