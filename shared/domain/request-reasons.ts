import { renderCoded, type Catalogue, type CodedText } from "./coded-text";
import { CAUSES } from "./causes";
import { CAUSE_IDS, type Locale } from "./types";

/*
 * Terminology follows Microsoft's Bulgarian localisation: "tenant" is "клиент" in "ИД на клиента"
 * (tenant ID), MicrosoftDocs/customer-insights-pr.bg-bg, ci-docs/audience-insights/connect-service-principal.md;
 * tenant-wide settings are "за цялата организация" as in the Microsoft 365 admin center's org settings;
 * basic authentication is "основно удостоверяване".
 */

/** Why a request is where it is, and what its trail events say: one template per code, in every locale. */
export const REQUEST_REASONS = {
  "awaiting-approval": { en: "Waiting for a second person to approve {steps}:", bg: "Чака втори човек да одобри: {steps}." },
  "plan-grew": { en: "The plan now needs more than was approved (approved: {approved}); it needs approval again.", bg: "Планът вече изисква повече от одобреното (одобрено: {approved}); нужно е ново одобрение." },
  "not-automatic": { en: "{steps} may not run without a person in this tenant (policy autoApprove: {allowed}).", bg: "Без човек при този клиент не може да се изпълни: {steps} (политика autoApprove: {allowed})." },
  "not-device-account": { en: "{mailbox} is not one of this tenant's device accounts (policy deviceAccounts: {patterns}).", bg: "{mailbox} не е от акаунтите на устройства на този клиент (политика deviceAccounts: {patterns})." },
  "never-automatic": { en: "{steps} changes the whole tenant: it never runs without a person.", bg: "{steps} променя цялата организация: никога не се изпълнява без човек." },
  "no-device-accounts": { en: "Nothing runs without a person in this tenant: its policy names no device accounts (deviceAccounts).", bg: "При този клиент нищо не се изпълнява без човек: политиката му не посочва акаунти на устройства (deviceAccounts)." },
  "person-signed-in": { en: "{mailbox} signed in interactively (not SMTP) within {days} days: it is a person's account, not a device's.", bg: "{mailbox} е влизал интерактивно (не през SMTP) през последните {days} дни: това е акаунт на човек, а не на устройство." },
  "sign-ins-unknown": { en: "Whether {mailbox} is used by a person could not be read from the sign-in log, so it is not treated as a device.", bg: "От журнала за вписвания не можа да се установи дали {mailbox} се използва от човек, затова не се третира като устройство." },
  "ticket-from-outsider": { en: "The ticket was raised by {requester}, who is neither in this tenant's domains nor an agent of the ticket system: a ticket from outside does not choose whose account is weakened.", bg: "Тикетът е подаден от {requester}, който не е нито от домейните на този клиент, нито агент на системата за тикети: тикет отвън не избира чий акаунт да се отслаби." },
  "ticket-requester-unknown": { en: "The ticket does not say who raised it, so it cannot be told from one raised outside this tenant: a person decides.", bg: "Тикетът не посочва кой го е подал, затова не може да се различи от подаден извън този клиент: решава човек." },
  "budget-used": { en: "This tenant's automatic changes for today are used up ({used} of {max}, policy maxAutomaticPerDay).", bg: "Автоматичните промени за днес при този клиент са изчерпани ({used} от {max}, политика maxAutomaticPerDay)." },
  "budget-taken": { en: "This tenant's automatic changes for today are used up (policy maxAutomaticPerDay {max}).", bg: "Автоматичните промени за днес при този клиент са изчерпани (политика maxAutomaticPerDay {max})." },
  "protected-account": { en: "{mailbox} is a protected account of this tenant (policy protectedAccounts): it is never weakened, not even with approval.", bg: "{mailbox} е защитен акаунт на този клиент (политика protectedAccounts): защитата му никога не се отслабва, дори с одобрение." },
  "account-changed": { en: "{mailbox} no longer resolves to the account that was checked ({userId}): nothing was changed; ask again to check the account it names now.", bg: "{mailbox} вече не сочи към проверения акаунт ({userId}): нищо не е променено; подайте заявката отново, за да се провери акаунтът, към който сочи сега." },
  "account-unresolved": { en: "No Entra user is known for {mailbox}, so the account cannot be checked before a change: nothing was changed.", bg: "За {mailbox} не е известен потребител в Entra, затова акаунтът не може да се провери преди промяна: нищо не е променено." },
  "policy-seal-broken": { en: "Nothing runs in this tenant until its policy is saved again through the app (PUT /api/tenants/<id>): {reason}", bg: "При този клиент нищо не се изпълнява, докато политиката му не бъде записана отново през приложението (PUT /api/tenants/<id>): {reason}" },
  "approval-seal-broken": { en: "The request is not approved: {reason}", bg: "Заявката не е одобрена: {reason}" },
  "rejected-by": { en: "Rejected by {who}.", bg: "Отхвърлена от {who}." },
  "rejected-by-comment": { en: "Rejected by {who}: {comment}", bg: "Отхвърлена от {who}: {comment}" },
  "nothing-to-change": { en: "Nothing to change: every setting is already right.", bg: "Няма какво да се променя: всички настройки вече са правилни." },
  "event-accepted": { en: "mode {mode}, source {source}", bg: "режим: {mode}, източник: {source}" },
  "event-diagnosed": { en: "confirmed: {causes}; plan: {outcome} {steps}", bg: "потвърдени: {causes}; план: {outcome} {steps}" },
  "event-already-right": { en: "already right", bg: "вече е наред" },
  "event-diagnosis-retry": { en: "diagnosis attempt {attempt} in {delayMs} ms", bg: "диагностика, опит {attempt} след {delayMs} ms" },
  "event-note-delivered": { en: "the {kind} note reached the ticket", bg: "бележката „{kind}“ стигна до тикета" },
  "event-note-delivered-retry": { en: "the {kind} note reached the ticket on attempt {attempt}", bg: "бележката „{kind}“ стигна до тикета при опит {attempt}" },
  "event-note-undelivered": { en: "the {kind} note did not reach the ticket: {reason}", bg: "бележката „{kind}“ не стигна до тикета: {reason}" },
  "event-note-not-configured": { en: "the {kind} note did not reach the ticket: {system} write-back is not configured", bg: "бележката „{kind}“ не стигна до тикета: записът обратно в {system} не е настроен" },
  "event-note-no-connection": { en: "the {kind} note was not written: the tenant has no {system} ticket connection", bg: "бележката „{kind}“ не е записана: клиентът няма връзка към {system}" },
  "event-changed-for": { en: "because of: {causes}", bg: "поради: {causes}" },
  "event-undo-requested": { en: "undo asked for: request {undo} restores what this request changed", bg: "поискана е отмяна: заявка {undo} възстановява промененото от тази заявка" },
  "event-undo-of": { en: "undo of request {original}: reverses {steps}, newest change first", bg: "отмяна на заявка {original}: отменя {steps}, от последната промяна към първата" },
  "event-restored-by-undo": { en: "restored to its value before request {original}", bg: "върната към стойността си преди заявка {original}" },
  "undo-weakens": { en: "Undoing {steps} lowers protection again: a second person decides.", bg: "Отмяната на {steps} отново намалява защитата: решава втори човек." },
  "event-reverted": { en: "Exception {exceptionId} expired; SMTP AUTH re-disabled by the nightly audit (tenant policy autoRevertExpired).", bg: "Изключението {exceptionId} изтече; нощният одит изключи отново SMTP AUTH (политика autoRevertExpired)." },
} satisfies Catalogue;

export type RequestReasonCode = keyof typeof REQUEST_REASONS;

/** Words that appear as parameters or values: step names, plan outcomes, note kinds, modes, setting values. */
export const REQUEST_WORDS = {
  "disable-security-defaults": { en: "turning off security defaults (whole tenant)", bg: "изключване на настройките за сигурност по подразбиране (цялата организация)" },
  "enable-mailbox-smtp-auth": { en: "turning on SMTP AUTH for the mailbox", bg: "включване на SMTP AUTH за пощенската кутия" },
  "disable-per-user-mfa": { en: "turning off per-user MFA for the user", bg: "изключване на MFA на потребителя" },
  nothing: { en: "nothing", bg: "нищо" },
  none: { en: "none", bg: "няма" },
  apply: { en: "apply", bg: "прилагане" },
  plan: { en: "plan", bg: "само план" },
  "nothing-to-do": { en: "nothing to do", bg: "няма какво да се прави" },
  "needs-attention": { en: "needs a person", bg: "нужен е човек" },
  api: { en: "API", bg: "API" },
  accepted: { en: "accepted", bg: "приета" },
  completed: { en: "completed", bg: "завършена" },
  failed: { en: "failed", bg: "неуспешна" },
  verified: { en: "confirmed", bg: "потвърдена" },
  "still-failing": { en: "still failing", bg: "все още неуспешна" },
  "not-seen": { en: "no sign-in yet", bg: "още няма вписване" },
  enabled: { en: "enabled", bg: "включено" },
  disabled: { en: "disabled", bg: "изключено" },
  enforced: { en: "enforced", bg: "наложено" },
  unknown: { en: "unknown", bg: "неизвестно" },
} satisfies Catalogue;

/** Cause ids in words: each cause's own title in every locale. */
const CAUSE_WORDS: Catalogue = Object.fromEntries(CAUSE_IDS.map((id) => [id, CAUSES[id].title]));

/** A cause's title in a locale; the id itself for a cause this build does not know. */
export function causeTitle(id: string, locale: Locale): string {
  return CAUSE_WORDS[id]?.[locale] ?? id;
}

/** A request reason or trail detail in a locale, for people: step names, causes and values in words. */
export function requestReasonText(text: CodedText, locale: Locale): string {
  return renderCoded(text, locale, REQUEST_REASONS, { ...REQUEST_WORDS, ...CAUSE_WORDS });
}

/** The English text the API has always carried in `reason` and `detail`: step names and values as they are. */
export function englishReason(text: CodedText): string {
  return renderCoded(text, "en", REQUEST_REASONS);
}

/** A trail event's `detail` (English, as the API always had it) with its `detailCode`. */
export function coded(text: CodedText): { detail: string; detailCode: CodedText } {
  return { detail: englishReason(text), detailCode: text };
}

/** A coded request reason, typed so only catalogue codes are written. */
export function reasonCode(code: RequestReasonCode, params?: CodedText["params"], parts?: CodedText[]): CodedText {
  return { code, ...(params ? { params } : {}), ...(parts ? { parts } : {}) };
}
