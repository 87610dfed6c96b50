import { LAYER_LABELS, type LayerField } from "./live-checks";
import type { Locale } from "./types";

/** Person-facing sentences the planner writes into a plan, in every locale. */
export const PLAN_MESSAGES = {
  tenantWideNotAllowed: {
    en: "Turning off security defaults weakens every account in the tenant, and this tenant's policy does not allow tenant-wide changes (allowTenantWideChanges is false).",
    bg: "Изключването на Security defaults отслабва защитата на всички акаунти в организацията, а политиката на тази организация не разрешава промени за цялата организация (allowTenantWideChanges е false).",
  },
  tenantWideNotAllowedAction: {
    en: "A tenant administrator must approve turning off security defaults (and plan Conditional Access to replace them), or move the device to OAuth SMTP.",
    bg: "Администратор на организацията трябва да одобри изключването на Security defaults (и да планира условен достъп на тяхно място) или устройството да премине към OAuth SMTP.",
  },
  privilegedUser: {
    en: "The user holds a privileged directory role ({roles}); an administrator's sign-in is never weakened (SMTP AUTH stays off, MFA stays on).",
    bg: "Потребителят има привилегирована роля в директорията ({roles}); защитата при вход на администратор никога не се отслабва (SMTP AUTH остава изключен, MFA остава включено).",
  },
  privilegedUserAction: {
    en: "Use a dedicated service account without admin roles for the device, or move it to OAuth SMTP.",
    bg: "Използвайте за устройството отделен служебен акаунт без администраторски роли или преминете към OAuth SMTP.",
  },
  rolesUnknown: {
    en: "It cannot be ruled out that the user is an administrator: {reason}.",
    bg: "Не може да се изключи, че потребителят е администратор: {reason}.",
  },
  stateUnknown: {
    en: "Could not read {layer}, so it is unknown whether this step is needed.",
    bg: "Не можа да бъде прочетено: {layer}; не е ясно дали тази стъпка е нужна.",
  },
  stateUnknownAction: {
    en: "Check the app's permissions for the unread settings and run the diagnosis again.",
    bg: "Проверете правата на приложението за непрочетените настройки и стартирайте диагностиката отново.",
  },
  stillBlocked: {
    en: "It would not help: {causes} would still block SMTP AUTH.",
    bg: "Няма да помогне: {causes} пак ще блокира SMTP AUTH.",
  },
  oauthClient: {
    en: "It would not help: the client uses OAuth (XOAUTH2), which this setting does not block.",
    bg: "Няма да помогне: клиентът използва OAuth (XOAUTH2), който тази настройка не блокира.",
  },
  foundLive: {
    en: "Found in the tenant: {evidence}.",
    bg: "Установено при клиента: {evidence}.",
  },
  needsPerson: {
    en: "No automatic fix: {causes}.",
    bg: "Няма автоматично решение: {causes}.",
  },
  refusedReason: {
    en: "A needed step cannot be applied automatically: {reasons}",
    bg: "Необходима стъпка не може да се приложи автоматично: {reasons}",
  },
  couldNotRead: {
    en: "The diagnosis is inconclusive: could not read {layers}.",
    bg: "Диагностиката е непълна: не можаха да бъдат прочетени {layers}.",
  },
  nothingToDo: {
    en: "Every setting the automatic steps change is already right for this mailbox.",
    bg: "Всички настройки, които автоматичните стъпки променят, вече са правилни за тази пощенска кутия.",
  },
  managedBlockPending: {
    en: "Microsoft-managed policy \"{policy}\" is in report-only (introduced {created}) and would block SMTP AUTH with a password for this user: Microsoft turns it on no sooner than {earliest} unless it is set Off or the account is excluded.",
    bg: "Управляваната от Microsoft политика „{policy}“ е в режим само за отчет (въведена на {created}) и би блокирала SMTP AUTH с парола за този потребител: Microsoft я включва не по-рано от {earliest}, освен ако бъде изключена или акаунтът бъде изключен от обхвата ѝ.",
  },
  mfaEnabledRisk: {
    en: "Per-user MFA is 'enabled' for this user: it becomes 'enforced' once they register a method, and SMTP AUTH with a password will then fail. It is left as it is; plan a move to OAuth SMTP.",
    bg: "MFA за отделния потребител е в състояние „enabled“: щом потребителят регистрира метод, то става „enforced“ и SMTP AUTH с парола ще спре да работи. Оставено е без промяна; планирайте преминаване към OAuth SMTP.",
  },
  unreadNote: {
    en: "Could not read {layers}; the plan does not depend on them.",
    bg: "Не можаха да бъдат прочетени {layers}; планът не зависи от тях.",
  },
  oauthPathMissing: {
    en: "Move this sender with the oauth-app path (POST /api/remediations with \"path\": \"oauth-app\" and \"appId\": \"{appId}\"): it would add what is missing: {missing}.",
    bg: "Преместете този подател по пътя oauth-app (POST /api/remediations с \"path\": \"oauth-app\" и \"appId\": \"{appId}\"): той ще добави липсващото: {missing}.",
  },
  oauthPathNothingMissing: {
    en: "The oauth-app path's checks that could be read found nothing missing: check the token itself (scope https://outlook.office365.com/.default with SMTP.SendAsApp, and the user= address of the AUTH command).",
    bg: "Проверките на пътя oauth-app, които можаха да бъдат прочетени, не откриха нищо липсващо: проверете самия токен (обхват https://outlook.office365.com/.default със SMTP.SendAsApp и адреса user= в командата AUTH).",
  },
  oauthPathUnread: {
    en: "Could not read these checks of the oauth-app path: {unread}; the path reads them again before it changes anything.",
    bg: "Тези проверки на пътя oauth-app не можаха да бъдат прочетени: {unread}; пътят ги чете отново, преди да промени каквото и да е.",
  },
  oauthPathNeedsAppId: {
    en: "Send the app's \"appId\" to POST /api/diagnose with this mailbox to check its Exchange service principal and its access to the mailbox too.",
    bg: "Изпратете \"appId\" на приложението към POST /api/diagnose с тази кутия, за да се проверят и неговият service principal в Exchange, и достъпът му до кутията.",
  },
} satisfies Record<string, Record<Locale, string>>;

/** The unread-layer labels of live-checks, in Bulgarian. */
export const LAYER_LABELS_BG: Record<LayerField, string> = {
  securityDefaultsEnabled: "настройките за сигурност по подразбиране (Security defaults)",
  orgSmtpAuthDisabled: "настройката за SMTP AUTH на организацията",
  mailboxExists: "дали пощенската кутия съществува",
  mailboxSmtpAuthDisabled: "настройката за SMTP AUTH на пощенската кутия",
  perUserMfaState: "MFA за отделния потребител",
  accountEnabled: "дали акаунтът е активен",
  exchangeLicensed: "лиценза за Exchange",
  privilegedRoles: "ролите на потребителя в директорията",
  blockingCaPolicies: "политиките за условен достъп",
  authPolicy: "политиката за удостоверяване в Exchange",
};

/** A state layer's name for people, in a locale. */
export function layerLabel(layer: LayerField, locale: Locale): string {
  return locale === "bg" ? LAYER_LABELS_BG[layer] : LAYER_LABELS[layer];
}

/** One message in a locale, with {placeholders} filled. */
export function message(key: keyof typeof PLAN_MESSAGES, locale: Locale, values: Record<string, string> = {}): string {
  return PLAN_MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? `{${name}}`);
}
