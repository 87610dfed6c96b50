import type { CauseDefinition } from "./cause-definition";

/** Causes on the sending device or in how it sends: fixed on the client, not in the tenant. */
export const CLIENT_CAUSES = {
  "client-not-authenticated": {
    id: "client-not-authenticated",
    layer: "client",
    title: { en: "The client never authenticated", bg: "Клиентът не се е удостоверил" },
    meaning: {
      en: "The device sent mail without a successful AUTH: no credentials configured, no STARTTLS, or an AUTH that failed and was ignored.",
      bg: "Устройството изпраща поща без успешно удостоверяване (AUTH): няма въведени данни за вход, няма STARTTLS или неуспешният AUTH е пренебрегнат.",
    },
    confirmFrom: "Reply '530 5.7.57 Client not authenticated to send mail' after MAIL FROM",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: false,
    guidance: {
      en: [
        "On the device: server smtp.office365.com, port 587, STARTTLS (TLS) on, authentication on with the mailbox's full address and password.",
        "If it is configured like that, the AUTH itself failed: the live diagnosis shows which setting blocks it.",
      ],
      bg: [
        "На устройството: сървър smtp.office365.com, порт 587, включен STARTTLS (TLS) и включено удостоверяване с пълния адрес на кутията и паролата ѝ.",
        "Ако настройките са такива, самото удостоверяване е неуспешно: диагностиката на живо показва коя настройка го блокира.",
      ],
    },
  },
  "tls-version-unsupported": {
    id: "tls-version-unsupported",
    layer: "client",
    title: { en: "The device uses TLS 1.0 or 1.1", bg: "Устройството използва TLS 1.0 или 1.1" },
    meaning: {
      en: "Microsoft 365 accepts only TLS 1.2 or later on smtp.office365.com; the device offers an older version.",
      bg: "Microsoft 365 приема само TLS 1.2 или по-нов на smtp.office365.com, а устройството предлага по-стара версия.",
    },
    confirmFrom: "Reply '421 4.7.66 TLS 1.0 and 1.1 are not supported'; TLS handshake failures",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Update the device's firmware (or .NET/Java runtime) so it speaks TLS 1.2, and turn TLS 1.2 on in its settings.",
        "If it cannot: send through an SMTP relay connector or a local relay that speaks TLS 1.2 to Microsoft 365.",
      ],
      bg: [
        "Обновете фърмуера на устройството (или .NET/Java средата), за да поддържа TLS 1.2, и го включете в настройките.",
        "Ако това е невъзможно: изпращайте през SMTP конектор за препращане или локален релей, който говори TLS 1.2 с Microsoft 365.",
      ],
    },
  },
  "auth-mechanism-not-offered": {
    id: "auth-mechanism-not-offered",
    layer: "client",
    title: { en: "The authentication method was not offered", bg: "Методът за удостоверяване не се предлага" },
    meaning: {
      en: "The client asked for an AUTH mechanism the server did not offer, usually because it tried before STARTTLS or uses a mechanism such as CRAM-MD5.",
      bg: "Клиентът поиска метод за AUTH, който сървърът не предлага, обикновено защото опитва преди STARTTLS или използва метод като CRAM-MD5.",
    },
    confirmFrom: "Reply '504 5.7.4 Unrecognized authentication type'; 'SMTP AUTH extension not supported'",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["Turn STARTTLS on (port 587) so the server offers AUTH, and choose LOGIN (or XOAUTH2) as the authentication method."],
      bg: ["Включете STARTTLS (порт 587), за да предложи сървърът AUTH, и изберете LOGIN (или XOAUTH2) като метод за удостоверяване."],
    },
  },
  "sender-not-permitted": {
    id: "sender-not-permitted",
    layer: "client",
    title: { en: "The sender address differs from the mailbox", bg: "Адресът на подателя е различен от пощенската кутия" },
    meaning: {
      en: "Authentication worked, but the From address is not the signed-in mailbox and it has no Send As right on it.",
      bg: "Удостоверяването е успешно, но адресът в полето „От“ не е на влязлата пощенска кутия и тя няма право „Send As“ за него.",
    },
    confirmFrom: "Reply '550 5.7.60 SMTP; Client does not have permissions to send as this sender'",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["Make the device's From address the same as its sign-in address, or grant the mailbox Send As on the address it uses."],
      bg: ["Направете адреса в полето „От“ на устройството същия като адреса за вход или дайте на кутията право „Send As“ за използвания адрес."],
    },
  },
  "sender-restricted": {
    id: "sender-restricted",
    layer: "mailbox",
    title: { en: "The mailbox is blocked from sending", bg: "Пощенската кутия е блокирана за изпращане" },
    meaning: {
      en: "Microsoft 365 restricted the mailbox for outbound spam, often after its password leaked.",
      bg: "Microsoft 365 е ограничил кутията заради изходящ спам, често след изтичане на паролата ѝ.",
    },
    confirmFrom: "Reply '550 5.1.8 Bad outbound sender'; Defender 'Restricted entities'",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: [
        "Treat it as a possible compromise: reset the password and review sign-ins and mail sent.",
        "Then release the user in Microsoft Defender > Restricted entities.",
      ],
      bg: [
        "Приемете, че акаунтът може да е компрометиран: сменете паролата и прегледайте входовете и изпратената поща.",
        "След това освободете потребителя в Microsoft Defender > Restricted entities.",
      ],
    },
  },
  "concurrent-connection-limit": {
    id: "concurrent-connection-limit",
    layer: "client",
    title: { en: "Too many connections at once", bg: "Твърде много едновременни връзки" },
    meaning: {
      en: "More than three SMTP connections sent from the same mailbox at the same time; Microsoft 365 refuses the extra ones.",
      bg: "Повече от три SMTP връзки изпращат едновременно от една и съща кутия и Microsoft 365 отказва допълнителните.",
    },
    confirmFrom: "Reply '432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded'",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: true,
    guidance: {
      en: ["Limit the app or devices to at most three parallel connections per mailbox, or spread them over several mailboxes or High Volume Email."],
      bg: ["Ограничете приложението или устройствата до най-много три паралелни връзки на кутия или ги разпределете между няколко кутии или High Volume Email."],
    },
  },
  unknown: {
    id: "unknown",
    layer: "none",
    title: { en: "Cause not recognised", bg: "Причината не е разпозната" },
    meaning: {
      en: "Nothing in the error text or the live state points to a known cause.",
      bg: "Нищо в текста на грешката или в текущото състояние не сочи позната причина.",
    },
    confirmFrom: "Nothing matched",
    checkableFromState: false,
    fixStep: null,
    blocksAfterSteps: false,
    guidance: {
      en: ["Ask for the full SMTP reply (the line with the 3-digit code and 5.x.x status) and the device's SMTP settings."],
      bg: ["Поискайте пълния SMTP отговор (реда с трицифрения код и статус 5.x.x) и SMTP настройките на устройството."],
    },
  },
} satisfies Record<string, CauseDefinition>;
