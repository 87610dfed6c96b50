import type { Locale } from "../domain/types";
import type { NoteKind } from "./ticket-note";

/** Every sentence a note can contain, in one language. Both languages implement all of it. */
export interface NotePhrases {
  heading: Record<NoteKind, string>;
  request(id: string, mailbox: string | undefined): string;
  plannedSteps: string;
  noPlanYet: string;
  risk: string;
  diagnosis: string;
  statusLink(url: string): string;
  noMailbox: string;
  severalMailboxes(candidates: string): string;
  askForMailbox: string;
  nothingChanged: string;
  personNeeded(reason: string): string;
  whatToDo: string;
  finished(status: string): string;
  whatChanged: string;
  before: string;
  after: string;
  failedBecause(reason: string): string;
  auditIntro(tenantId: string): string;
  verified(at: string, ipAddress: string): string;
  stillFailing(at: string, ipAddress: string, errorCode: number, cause: string): string;
  notSeen(hours: number): string;
  stepLabels: Record<string, string>;
  /** What each step weakens, for the plan in an accepted note. */
  stepRisks: Record<string, string>;
  stepStatuses: Record<string, string>;
}

const EN: NotePhrases = {
  heading: {
    accepted: "SMTP AUTH fix accepted",
    "needs-mailbox": "SMTP AUTH fix: which mailbox?",
    "needs-attention": "SMTP AUTH fix needs a person",
    completed: "SMTP AUTH fix completed",
    failed: "SMTP AUTH fix failed",
    "audit-finding": "SMTP AUTH audit finding",
    verified: "SMTP AUTH fix confirmed by the device",
    "still-failing": "SMTP AUTH fix: the device still fails",
    "not-seen": "SMTP AUTH fix: no sign-in from the device yet",
  },
  request: (id, mailbox) => `Request ${id}${mailbox ? ` for mailbox ${mailbox}` : ""}.`,
  plannedSteps: "Planned steps:",
  noPlanYet: "Diagnosis runs first; nothing has been changed yet.",
  risk: "risk",
  diagnosis: "Diagnosis:",
  statusLink: (url) => `Status: ${url}`,
  noMailbox: "We could not find the mailbox this ticket is about.",
  severalMailboxes: (candidates) => `Several addresses could be the mailbox: ${candidates}.`,
  askForMailbox:
    "Please add the address the device or application signs in with, as a comment such as \"Mailbox: scanner@contoso.com\".",
  nothingChanged: "Nothing has been changed.",
  personNeeded: (reason) => `No automatic fix: ${reason}`,
  whatToDo: "What to do:",
  finished: (status) => `Finished with status "${status}".`,
  whatChanged: "What changed (verified after the change):",
  before: "before",
  after: "after",
  failedBecause: (reason) => `The fix did not complete: ${reason}`,
  auditIntro: (tenantId) => `The nightly audit of tenant ${tenantId} found:`,
  verified: (at, ip) => `The tenant's sign-in log shows the device signed in over SMTP AUTH successfully at ${at} from ${ip}. The fix works.`,
  stillFailing: (at, ip, code, cause) =>
    `The fix is in place, but the device's SMTP AUTH sign-in at ${at} from ${ip} failed with Entra error ${code} (${cause}). This is what is still wrong:`,
  notSeen: (hours) =>
    `The sign-in log shows no SMTP AUTH sign-in from the device in the ${hours} hours since the fix. Please send a test message from the device (or restart it) and reopen this ticket if it still fails.`,
  stepLabels: {
    "disable-security-defaults": "Turn off security defaults (tenant-wide)",
    "enable-mailbox-smtp-auth": "Enable SMTP AUTH for the mailbox",
    "disable-per-user-mfa": "Turn off per-user MFA for the account",
  },
  stepRisks: {
    "disable-security-defaults": "tenant-wide: no account is required to use MFA until security defaults are back on or Conditional Access replaces them",
    "enable-mailbox-smtp-auth": "this mailbox only: its password alone can send mail over SMTP",
    "disable-per-user-mfa": "this account only: its sign-ins no longer require MFA",
  },
  stepStatuses: {
    pending: "pending",
    running: "running",
    succeeded: "done",
    skipped: "already right, unchanged",
    failed: "failed",
    retrying: "retrying",
  },
};

// Microsoft's Bulgarian terms: a tenant is a "клиент" ("ИД на клиента", MicrosoftDocs/customer-insights-pr.bg-bg),
// tenant-wide settings are "за цялата организация".
const BG: NotePhrases = {
  heading: {
    accepted: "Поправката на SMTP AUTH е приета",
    "needs-mailbox": "Поправка на SMTP AUTH: коя пощенска кутия?",
    "needs-attention": "Поправката на SMTP AUTH изисква намеса на човек",
    completed: "Поправката на SMTP AUTH е завършена",
    failed: "Поправката на SMTP AUTH е неуспешна",
    "audit-finding": "Находка от одита на SMTP AUTH",
    verified: "Поправката на SMTP AUTH е потвърдена от устройството",
    "still-failing": "Поправка на SMTP AUTH: устройството все още не успява",
    "not-seen": "Поправка на SMTP AUTH: още няма вписване от устройството",
  },
  request: (id, mailbox) => `Заявка ${id}${mailbox ? ` за пощенска кутия ${mailbox}` : ""}.`,
  plannedSteps: "Планирани стъпки:",
  noPlanYet: "Първо се прави диагностика; засега нищо не е променено.",
  risk: "риск",
  diagnosis: "Диагностика:",
  statusLink: (url) => `Състояние: ${url}`,
  noMailbox: "Не открихме за коя пощенска кутия е този тикет.",
  severalMailboxes: (candidates) => `Няколко адреса могат да са пощенската кутия: ${candidates}.`,
  askForMailbox:
    "Моля, добавете адреса, с който устройството или приложението се вписва, като коментар, например \"Mailbox: scanner@contoso.com\".",
  nothingChanged: "Нищо не е променено.",
  personNeeded: (reason) => `Няма автоматична поправка: ${reason}`,
  whatToDo: "Какво да направите:",
  finished: (status) => `Приключи със състояние "${status}".`,
  whatChanged: "Какво е променено (проверено след промяната):",
  before: "преди",
  after: "след",
  failedBecause: (reason) => `Поправката не завърши: ${reason}`,
  auditIntro: (tenantId) => `Нощният одит на клиент ${tenantId} откри:`,
  verified: (at, ip) => `Журналът за вписвания на клиента показва успешно вписване на устройството през SMTP AUTH в ${at} от ${ip}. Поправката работи.`,
  stillFailing: (at, ip, code, cause) =>
    `Поправката е направена, но вписването на устройството през SMTP AUTH в ${at} от ${ip} е неуспешно с грешка на Entra ${code} (${cause}). Ето какво още не е наред:`,
  notSeen: (hours) =>
    `Журналът за вписвания не показва вписване на устройството през SMTP AUTH в последните ${hours} часа след поправката. Моля, изпратете пробно съобщение от устройството (или го рестартирайте) и отворете отново тикета, ако проблемът остава.`,
  stepLabels: {
    "disable-security-defaults": "Изключване на настройките за сигурност по подразбиране (за цялата организация)",
    "enable-mailbox-smtp-auth": "Разрешаване на SMTP AUTH за пощенската кутия",
    "disable-per-user-mfa": "Изключване на MFA за потребителя",
  },
  stepRisks: {
    "disable-security-defaults":
      "за цялата организация: никой акаунт не е длъжен да ползва MFA, докато настройките не се включат отново или не се заменят с Conditional Access",
    "enable-mailbox-smtp-auth": "само тази пощенска кутия: само с паролата ѝ може да се изпраща поща през SMTP",
    "disable-per-user-mfa": "само този акаунт: вписванията му вече не изискват MFA",
  },
  stepStatuses: {
    pending: "предстои",
    running: "изпълнява се",
    succeeded: "готово",
    skipped: "вече е наред, без промяна",
    failed: "неуспешно",
    retrying: "нов опит",
  },
};

/** The phrases for a locale; English for anything we do not know. */
export function phrasesFor(locale: Locale | string): NotePhrases {
  return locale === "bg" ? BG : EN;
}
