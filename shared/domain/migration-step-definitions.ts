import type { StepDefinition } from "./cause-definition";

type MigrationStepName = "create-hve-account" | "check-hve-billing-policy" | "create-relay-connector" | "register-exchange-service-principal" | "grant-app-mailbox-access" | "retire-basic-auth";

/** The migration steps: each creates or checks something and weakens nothing; the risk says what it leaves behind. */
export const MIGRATION_STEP_DEFINITIONS: Record<MigrationStepName, StepDefinition> = {
  "create-hve-account": {
    name: "create-hve-account",
    scope: "tenant",
    title: { en: "Create a High Volume Email account for the device", bg: "Създаване на акаунт за High Volume Email за устройството" },
    risk: {
      en: "A new mail user that can send to the organisation's own recipients only, with a generated password shown once to the operator.",
      bg: "Нов пощенски потребител, който изпраща само до получатели в организацията, с генерирана парола, показана веднъж на оператора.",
    },
  },
  "check-hve-billing-policy": {
    name: "check-hve-billing-policy",
    scope: "tenant",
    title: { en: "Check the HVE account's billing policy", bg: "Проверка на политиката за таксуване на акаунта за HVE" },
    risk: {
      en: "Reads only: nothing in the tenant changes; the request stops for a person when the account cannot send.",
      bg: "Само чете: нищо в организацията не се променя; заявката спира за човек, ако акаунтът не може да изпраща.",
    },
  },
  "create-relay-connector": {
    name: "create-relay-connector",
    scope: "tenant",
    title: { en: "Create an inbound connector for the device's IP address", bg: "Създаване на входящ конектор за IP адреса на устройството" },
    risk: {
      en: "Mail from that one IP address is accepted as the organisation's own without a password; keep the address static and the device on a trusted network.",
      bg: "Поща от този единствен IP адрес се приема като поща на организацията без парола; адресът трябва да е статичен, а устройството — в доверена мрежа.",
    },
  },
  "register-exchange-service-principal": {
    name: "register-exchange-service-principal",
    scope: "tenant",
    title: { en: "Register the app's service principal in Exchange", bg: "Регистриране на service principal на приложението в Exchange" },
    risk: { en: "Exchange learns the app; it gets no access by this alone.", bg: "Exchange научава приложението; само по себе си то не получава достъп." },
  },
  "grant-app-mailbox-access": {
    name: "grant-app-mailbox-access",
    scope: "mailbox",
    title: { en: "Give the app access to this one mailbox", bg: "Даване на достъп на приложението само до тази пощенска кутия" },
    risk: {
      en: "The app can send as this mailbox with its own token (and read it: Exchange grants FullAccess); no other mailbox.",
      bg: "Приложението може да изпраща от името на тази кутия със собствен токен (и да я чете: Exchange дава FullAccess); до други кутии няма достъп.",
    },
  },
  "retire-basic-auth": {
    name: "retire-basic-auth",
    scope: "mailbox",
    title: { en: "Turn authenticated SMTP off again for the old mailbox", bg: "Повторно изключване на удостоверения SMTP за старата пощенска кутия" },
    risk: {
      en: "Anything still sending with the old mailbox's password stops; its exception is closed.",
      bg: "Всичко, което още изпраща с паролата на старата кутия, спира; изключението ѝ се затваря.",
    },
  },
};
