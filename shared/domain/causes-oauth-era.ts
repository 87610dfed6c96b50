import type { CauseDefinition } from "./cause-definition";

/**
 * What the oauth-app path checks, live, before it changes anything: the move for an app whose
 * OAuth SMTP fails (POST /api/remediations with "path": "oauth-app" and the app's "appId").
 */
const OAUTH_APP_PATH_EN =
  'Run the oauth-app path for this mailbox (POST /api/remediations with "path": "oauth-app" and the app\'s "appId"): it checks, live, that the app\'s service principal is registered in Exchange, that it holds access to this mailbox and that SMTP AUTH is on for it, and changes only what is missing.';
const OAUTH_APP_PATH_BG =
  'Пуснете пътя oauth-app за тази кутия (POST /api/remediations с "path": "oauth-app" и "appId" на приложението): той проверява на живо дали service principal на приложението е регистриран в Exchange, дали има достъп до кутията и дали SMTP AUTH е включен за нея, и променя само липсващото.';
const NO_WEAKENING_EN = "No tenant setting causes this: do not turn off security defaults, MFA or Conditional Access for it.";
const NO_WEAKENING_BG = "Това не се причинява от настройка на организацията: не изключвайте Security defaults, MFA или условния достъп заради него.";

/** Causes of the OAuth era and replies that are not about authentication: never answered by weakening. */
export const OAUTH_ERA_CAUSES = {
  "oauth-token-wrong-user": {
    id: "oauth-token-wrong-user",
    layer: "client",
    title: { en: "The OAuth token belongs to another account", bg: "OAuth токенът е на друг акаунт" },
    meaning: {
      en: "The XOAUTH2 token was issued to a different account than the one named in the AUTH command (a shared mailbox, an admin who consented), so Exchange refuses it for this mailbox.",
      bg: "XOAUTH2 токенът е издаден за различен акаунт от посочения в командата AUTH (споделена кутия, администратор, дал съгласие), затова Exchange го отказва за тази кутия.",
    },
    confirmFrom: "XOAUTH2 '535 5.7.3 Authentication unsuccessful' with user= another address than the token's upn/oid; '5.7.60 SendAsDenied' after an OAuth AUTH",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Get the token for the account the device sends as (its user= value), or name the token's own account in the AUTH command; a shared mailbox needs an app token (SMTP.SendAsApp) with access to it.",
        OAUTH_APP_PATH_EN,
        NO_WEAKENING_EN,
      ],
      bg: [
        "Вземете токен за акаунта, от чието име изпраща устройството (стойността user=), или посочете в AUTH собствения акаунт на токена; за споделена кутия е нужен токен на приложение (SMTP.SendAsApp) с достъп до нея.",
        OAUTH_APP_PATH_BG,
        NO_WEAKENING_BG,
      ],
    },
  },
  "oauth-app-not-permitted": {
    id: "oauth-app-not-permitted",
    layer: "mailbox",
    title: { en: "The app may not send as this mailbox", bg: "Приложението няма право да изпраща от тази кутия" },
    meaning: {
      en: "The app's token is valid, but Exchange does not let it send as this mailbox: its service principal is not registered in Exchange (New-ServicePrincipal), it has no access to the mailbox, or the token lacks SMTP.SendAsApp / SMTP.Send.",
      bg: "Токенът на приложението е валиден, но Exchange не му позволява да изпраща от тази кутия: service principal не е регистриран в Exchange (New-ServicePrincipal), няма достъп до кутията или токенът няма SMTP.SendAsApp / SMTP.Send.",
    },
    confirmFrom: "XOAUTH2 '535 5.7.3 Authentication unsuccessful' with a valid client-credentials token; Get-ServicePrincipal / Get-MailboxPermission for the app",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        OAUTH_APP_PATH_EN,
        "By hand: New-ServicePrincipal with the enterprise application's object id, then Add-MailboxPermission -AccessRights FullAccess for that mailbox only, and request the token for scope https://outlook.office365.com/.default.",
        NO_WEAKENING_EN,
      ],
      bg: [
        OAUTH_APP_PATH_BG,
        "Ръчно: New-ServicePrincipal с object id на enterprise application, после Add-MailboxPermission -AccessRights FullAccess само за тази кутия, и токен за обхват https://outlook.office365.com/.default.",
        NO_WEAKENING_BG,
      ],
    },
  },
  "oauth-client-credentials-invalid": {
    id: "oauth-client-credentials-invalid",
    layer: "client",
    title: { en: "The app's client secret or id is wrong", bg: "Тайната или идентификаторът на приложението са грешни" },
    meaning: {
      en: "Entra refused to issue the token: the client secret is invalid or expired (AADSTS7000215, AADSTS7000222) or the application id is unknown in this tenant (AADSTS700016). The device never reached SMTP with a token.",
      bg: "Entra отказа да издаде токен: тайната на клиента е невалидна или изтекла (AADSTS7000215, AADSTS7000222) или идентификаторът на приложението е непознат в организацията (AADSTS700016). Устройството не е стигнало до SMTP с токен.",
    },
    confirmFrom: "Token endpoint error AADSTS7000215 / AADSTS7000222 / AADSTS700016; the app's service-principal sign-ins",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Create a new client secret (Certificates & secrets), put its Value (not its Secret ID) into the device, and check the application (client) id and tenant id it uses.",
        OAUTH_APP_PATH_EN,
        NO_WEAKENING_EN,
      ],
      bg: [
        "Създайте нова тайна на клиента (Certificates & secrets), въведете в устройството нейната стойност (Value, не Secret ID) и проверете application (client) id и tenant id, които то използва.",
        OAUTH_APP_PATH_BG,
        NO_WEAKENING_BG,
      ],
    },
  },
  "oauth-refresh-token-expired": {
    id: "oauth-refresh-token-expired",
    layer: "client",
    title: { en: "The device's OAuth sign-in expired", bg: "OAuth влизането на устройството е изтекло" },
    meaning: {
      en: "The refresh token the device keeps expired or was revoked (AADSTS700082 after 90 days unused, AADSTS700084, AADSTS50173 after a password change, AADSTS70043 sign-in frequency), so it cannot get a new access token.",
      bg: "Refresh токенът, който устройството пази, е изтекъл или отменен (AADSTS700082 след 90 дни без употреба, AADSTS700084, AADSTS50173 след смяна на парола, AADSTS70043 честота на влизане), затова не може да получи нов токен за достъп.",
    },
    confirmFrom: "Token endpoint invalid_grant with AADSTS700082 / AADSTS700084 / AADSTS50173 / AADSTS70043",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Sign the device in again (its 'Get token' / 'Authorize' button) so it obtains a fresh refresh token; a device that sends unattended should use an app registration (client credentials) instead.",
        OAUTH_APP_PATH_EN,
        NO_WEAKENING_EN,
      ],
      bg: [
        "Влезте отново от устройството (бутона „Get token“ / „Authorize“), за да получи нов refresh токен; устройство, което изпраща без човек, трябва да използва регистрирано приложение (client credentials).",
        OAUTH_APP_PATH_BG,
        NO_WEAKENING_BG,
      ],
    },
  },
  "tls-mode-mismatch": {
    id: "tls-mode-mismatch",
    layer: "client",
    title: { en: "Implicit TLS and STARTTLS are mixed up", bg: "Объркани са implicit TLS и STARTTLS" },
    meaning: {
      en: "The device speaks TLS from the first byte (SSL/TLS, port 465) to a port that expects STARTTLS (587), or plain SMTP to a port that expects TLS; smtp.office365.com offers STARTTLS on 587.",
      bg: "Устройството говори TLS от първия байт (SSL/TLS, порт 465) към порт, който очаква STARTTLS (587), или обикновен SMTP към порт, който очаква TLS; smtp.office365.com предлага STARTTLS на порт 587.",
    },
    confirmFrom: "'wrong version number' / 'unknown protocol' on connect, a timeout on port 465, '530 5.7.0 Must issue a STARTTLS command first' after choosing SSL",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["On the device: server smtp.office365.com, port 587, encryption STARTTLS (sometimes called TLS or explicit TLS), not SSL/TLS on port 465.", NO_WEAKENING_EN],
      bg: ["На устройството: сървър smtp.office365.com, порт 587, криптиране STARTTLS (понякога наричано TLS или explicit TLS), не SSL/TLS на порт 465.", NO_WEAKENING_BG],
    },
  },
  "tls-cipher-unsupported": {
    id: "tls-cipher-unsupported",
    layer: "client",
    title: { en: "The device offers no cipher Microsoft 365 accepts", bg: "Устройството не предлага шифър, който Microsoft 365 приема" },
    meaning: {
      en: "The device speaks TLS 1.2 but only with cipher suites Microsoft 365 no longer accepts (for example RSA key exchange without elliptic curves), so the handshake fails before any authentication.",
      bg: "Устройството поддържа TLS 1.2, но само с шифри, които Microsoft 365 вече не приема (например RSA обмен на ключове без елиптични криви), и връзката се проваля преди удостоверяването.",
    },
    confirmFrom: "'no shared cipher', 'SSL negotiation failed', 'handshake failure' with TLS 1.2 on, after the device's firmware date",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Update the device's firmware so it offers ECDHE cipher suites with TLS 1.2 (vendors published fixes for older controllers).",
        "If it cannot: send through High Volume Email or a relay connector from a local relay that speaks current TLS.",
        NO_WEAKENING_EN,
      ],
      bg: [
        "Обновете фърмуера на устройството, за да предлага ECDHE шифри с TLS 1.2 (производителите издадоха поправки за по-старите контролери).",
        "Ако това е невъзможно: изпращайте през High Volume Email или конектор за препращане от локален релей със съвременен TLS.",
        NO_WEAKENING_BG,
      ],
    },
  },
  "not-smtp-auth": {
    id: "not-smtp-auth",
    layer: "service",
    title: { en: "Not an authentication problem", bg: "Проблемът не е в удостоверяването" },
    meaning: {
      en: "The reply is about delivery, sending limits, quotas, reputation or domains (submission quota, banned IP, unregistered domain, full mailbox): authentication worked or never mattered, and no authentication setting fixes it.",
      bg: "Отговорът е за доставка, лимити за изпращане, квоти, репутация или домейни (квота за изпращане, блокиран IP адрес, нерегистриран домейн, пълна кутия): удостоверяването е успешно или няма значение и никоя настройка за удостоверяване не го поправя.",
    },
    confirmFrom: "Replies such as 554 5.2.0 SubmissionQuotaExceededException, 554 5.2.2 mailbox full, 550 5.7.606 banned sending IP, 550 5.7.708, 550 5.7.750, 550 5.7.705",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Act on what the reply names: wait out or spread a sending quota (30 messages a minute, 10,000 recipients a day per mailbox), empty a full mailbox, delist a banned IP at sender.office.com, or register the sending domain as an accepted domain.",
        "For volume beyond a mailbox's limits use High Volume Email (smtp.hve.mx.microsoft) for internal mail.",
        NO_WEAKENING_EN,
      ],
      bg: [
        "Действайте според отговора: изчакайте или разпределете квотата за изпращане (30 съобщения в минута, 10 000 получатели на ден за кутия), освободете пълната кутия, премахнете блокиран IP адрес през sender.office.com или регистрирайте изпращащия домейн като приет домейн.",
        "За обем над лимитите на една кутия използвайте High Volume Email (smtp.hve.mx.microsoft) за вътрешна поща.",
        NO_WEAKENING_BG,
      ],
    },
  },
} satisfies Record<string, CauseDefinition>;
