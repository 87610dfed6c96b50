import type { CauseDefinition } from "./cause-definition";

const OAUTH_ALTERNATIVES_EN = [
  "Move the device or app to OAuth SMTP (AUTH XOAUTH2 with scope https://outlook.office365.com/SMTP.Send, or SMTP.SendAsApp for an app registration).",
  "If the device cannot do OAuth: use High Volume Email (smtp.hve.mx.microsoft) or an SMTP relay connector (port 25 to your MX endpoint, authenticated by IP or certificate).",
  "Line-of-business apps can send with Microsoft Graph sendMail instead of SMTP, limited to their mailboxes with RBAC for Applications in Exchange Online.",
];
const OAUTH_ALTERNATIVES_BG = [
  "Преминете към OAuth SMTP на устройството или приложението (AUTH XOAUTH2 с обхват https://outlook.office365.com/SMTP.Send или SMTP.SendAsApp за регистрирано приложение).",
  "Ако устройството не поддържа OAuth: използвайте High Volume Email (smtp.hve.mx.microsoft) или SMTP конектор за препращане (порт 25 към MX адреса, удостоверяване по IP адрес или сертификат).",
  "Бизнес приложенията могат да изпращат през Microsoft Graph sendMail вместо по SMTP, ограничени до своите кутии с RBAC for Applications в Exchange Online.",
];

/** Causes in the tenant, mailbox and user settings that Microsoft's procedure is about. */
export const SETTINGS_CAUSES = {
  "smtp-auth-disabled-mailbox": {
    id: "smtp-auth-disabled-mailbox",
    layer: "mailbox",
    title: { en: "SMTP AUTH is off for the mailbox", bg: "SMTP AUTH е изключен за пощенската кутия" },
    meaning: {
      en: "The mailbox's own SmtpClientAuthenticationDisabled setting is true, so Exchange refuses authenticated SMTP for it.",
      bg: "Собствената настройка SmtpClientAuthenticationDisabled на пощенската кутия е true и Exchange отказва удостоверен SMTP за нея.",
    },
    confirmFrom: "Get-CASMailbox SmtpClientAuthenticationDisabled = true",
    checkableFromState: true,
    fixStep: "enable-mailbox-smtp-auth",
    blocksAfterSteps: false,
    guidance: {
      en: ["Set SmtpClientAuthenticationDisabled to false on this mailbox (Set-CASMailbox), not on the organisation."],
      bg: ["Задайте SmtpClientAuthenticationDisabled = false за тази пощенска кутия (Set-CASMailbox), а не за цялата организация."],
    },
  },
  "smtp-auth-disabled-tenant": {
    id: "smtp-auth-disabled-tenant",
    layer: "tenant",
    title: { en: "SMTP AUTH is off for the organisation", bg: "SMTP AUTH е изключен за организацията" },
    meaning: {
      en: "The mailbox follows the organisation setting (its own flag is empty) and the organisation has SMTP AUTH off.",
      bg: "Пощенската кутия следва настройката на организацията (собствената ѝ стойност е празна), а в организацията SMTP AUTH е изключен.",
    },
    confirmFrom: "Get-CASMailbox SmtpClientAuthenticationDisabled = null and Get-TransportConfig SmtpClientAuthenticationDisabled = true",
    checkableFromState: true,
    fixStep: "enable-mailbox-smtp-auth",
    blocksAfterSteps: false,
    guidance: {
      en: ["Turn SMTP AUTH on for this one mailbox (SmtpClientAuthenticationDisabled = false); keep it off for the organisation, as Microsoft recommends."],
      bg: ["Включете SMTP AUTH само за тази пощенска кутия (SmtpClientAuthenticationDisabled = false); оставете го изключен за организацията, както препоръчва Microsoft."],
    },
  },
  "security-defaults-enabled": {
    id: "security-defaults-enabled",
    layer: "tenant",
    title: { en: "Security defaults block basic authentication", bg: "Security defaults блокират основното удостоверяване" },
    meaning: {
      en: "Entra ID security defaults are on; they block legacy (basic) authentication, which SMTP AUTH with a password is.",
      bg: "В Entra ID са включени настройките за сигурност по подразбиране (Security defaults); те блокират остарялото (основно) удостоверяване, каквото е SMTP AUTH с парола.",
    },
    confirmFrom: "Graph policies/identitySecurityDefaultsEnforcementPolicy isEnabled = true",
    checkableFromState: true,
    fixStep: "disable-security-defaults",
    blocksAfterSteps: false,
    guidance: {
      en: [
        "Turning security defaults off weakens every account in the tenant; approve it only with Conditional Access policies ready to replace them.",
        ...OAUTH_ALTERNATIVES_EN,
      ],
      bg: [
        "Изключването на Security defaults отслабва защитата на всички акаунти в организацията; одобрете го само ако имате готови политики за условен достъп, които да ги заменят.",
        ...OAUTH_ALTERNATIVES_BG,
      ],
    },
  },
  "per-user-mfa-enforced": {
    id: "per-user-mfa-enforced",
    layer: "user",
    title: { en: "Per-user MFA is enforced", bg: "MFA за отделния потребител е задължително (enforced)" },
    meaning: {
      en: "Legacy per-user MFA is 'enforced' for the mailbox's user, so a password alone cannot sign in over SMTP.",
      bg: "Остарялото MFA за отделен потребител е в състояние „enforced“ и само с парола потребителят не може да се удостовери по SMTP.",
    },
    confirmFrom: "Graph beta users/{id}/authentication/requirements perUserMfaState = enforced",
    checkableFromState: true,
    fixStep: "disable-per-user-mfa",
    blocksAfterSteps: false,
    guidance: {
      en: [
        "Use a dedicated service account without admin roles for the device, then turn off per-user MFA for that account only.",
        ...OAUTH_ALTERNATIVES_EN,
      ],
      bg: [
        "Използвайте за устройството отделен служебен акаунт без администраторски роли и изключете per-user MFA само за него.",
        ...OAUTH_ALTERNATIVES_BG,
      ],
    },
  },
  "conditional-access-blocks-legacy-auth": {
    id: "conditional-access-blocks-legacy-auth",
    layer: "user",
    title: { en: "A Conditional Access policy blocks legacy authentication", bg: "Политика за условен достъп блокира остарялото удостоверяване" },
    meaning: {
      en: "An enabled Conditional Access policy with 'Block' for 'Other clients' covers this user; no setting this product changes gets past it.",
      bg: "Включена политика за условен достъп (Conditional Access) с „Block“ за „Other clients“ обхваща този потребител; никоя от настройките, които продуктът променя, не я заобикаля.",
    },
    confirmFrom: "Graph identity/conditionalAccess/policies: state enabled, builtInControls block, clientAppTypes other/all, user in scope",
    checkableFromState: true,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Microsoft's fix is an exclusion: add this user (or a group holding only service accounts) to the policy's excluded users in Entra ID > Conditional Access.",
        "Prefer moving the device to OAuth SMTP, which the policy does not block.",
        ...OAUTH_ALTERNATIVES_EN.slice(1),
      ],
      bg: [
        "Решението на Microsoft е изключение: добавете потребителя (или група само със служебни акаунти) към изключените потребители на политиката в Entra ID > Conditional Access.",
        "За предпочитане е устройството да премине към OAuth SMTP, което политиката не блокира.",
        ...OAUTH_ALTERNATIVES_BG.slice(1),
      ],
    },
  },
  "auth-policy-blocks-basic-smtp": {
    id: "auth-policy-blocks-basic-smtp",
    layer: "user",
    title: { en: "An Exchange authentication policy blocks basic SMTP", bg: "Политика за удостоверяване в Exchange блокира основния SMTP" },
    meaning: {
      en: "The authentication policy in force for the user has AllowBasicAuthSmtp = false, which blocks SMTP AUTH even when every other flag is right.",
      bg: "Приложимата за потребителя политика за удостоверяване има AllowBasicAuthSmtp = false, което блокира SMTP AUTH дори когато всички други настройки са правилни.",
    },
    confirmFrom: "Get-User AuthenticationPolicy (else Get-OrganizationConfig DefaultAuthenticationPolicy) → Get-AuthenticationPolicy AllowBasicAuthSmtp = false",
    checkableFromState: true,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Assign the user an authentication policy that allows basic SMTP (Set-User -AuthenticationPolicy), or switch the device to OAuth SMTP.",
        ...OAUTH_ALTERNATIVES_EN.slice(1),
      ],
      bg: [
        "Задайте на потребителя политика за удостоверяване, която позволява основен SMTP (Set-User -AuthenticationPolicy), или преминете към OAuth SMTP на устройството.",
        ...OAUTH_ALTERNATIVES_BG.slice(1),
      ],
    },
  },
  "basic-auth-retired": {
    id: "basic-auth-retired",
    layer: "service",
    title: { en: "Basic authentication for SMTP is retired", bg: "Основното удостоверяване за SMTP е спряно" },
    meaning: {
      en: "Microsoft turns basic authentication for SMTP AUTH off by default from the end of December 2026 (MC786329) and will remove it later; a password no longer works, whatever the tenant's settings.",
      bg: "От края на декември 2026 г. Microsoft изключва по подразбиране основното удостоверяване за SMTP AUTH (MC786329), а по-късно ще го премахне напълно; паролата вече не работи, независимо от настройките на организацията.",
    },
    confirmFrom: "Reply 550 5.7.30 or 535 5.7.139 'basic authentication is disabled' with no authentication policy blocking it; the date (after 2026-12-31)",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["Do not weaken the tenant: turning off security defaults or MFA cannot bring basic authentication back.", ...OAUTH_ALTERNATIVES_EN],
      bg: ["Не отслабвайте защитата на организацията: изключването на Security defaults или MFA не връща основното удостоверяване.", ...OAUTH_ALTERNATIVES_BG],
    },
  },
} satisfies Record<string, CauseDefinition>;
