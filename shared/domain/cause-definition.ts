import type { CauseId, Locale, StepName } from "./types";
import { MIGRATION_STEP_DEFINITIONS } from "./migration-step-definitions";

/** Person-facing text in every locale the product speaks. */
export type LocalizedText = Record<Locale, string>;

/** Which part of the sign-in chain a cause lives in; decides how it can be confirmed. */
export type CauseLayer = "tenant" | "mailbox" | "user" | "client" | "service" | "none";

/** One entry of the causes catalogue: what it means, how to confirm it, what fixes it. */
export interface CauseDefinition {
  id: CauseId;
  layer: CauseLayer;
  title: LocalizedText;
  meaning: LocalizedText;
  /** How to confirm it, for the engineer reading a diagnosis (technical, English). */
  confirmFrom: string;
  /** True when a MailboxState can confirm or rule it out; false when only the error text tells. */
  checkableFromState: boolean;
  /** The automatic step that removes this cause, or null when a person must act. */
  fixStep: StepName | null;
  /**
   * True when, once established, this cause keeps SMTP AUTH failing whatever the automatic steps do,
   * so applying them would weaken the tenant for nothing.
   */
  blocksAfterSteps: boolean;
  /** What a person should do; shown when the cause ends a request as needs-attention. */
  guidance: Record<Locale, string[]>;
}

/** What a remediation step changes and what it costs in protection. */
export interface StepDefinition {
  name: StepName;
  scope: "tenant" | "mailbox" | "user";
  title: LocalizedText;
  risk: LocalizedText;
}

/** The automatic steps in the seed procedure's order, with the risk each one carries. */
export const STEPS: Record<StepName, StepDefinition> = {
  "disable-security-defaults": {
    name: "disable-security-defaults",
    scope: "tenant",
    title: {
      en: "Turn off Entra ID security defaults",
      bg: "Изключване на настройките за сигурност по подразбиране (Security defaults) в Entra ID",
    },
    risk: {
      en: "Tenant-wide: every account loses the MFA requirement and the legacy-authentication block that security defaults enforce. Replace them with Conditional Access policies.",
      bg: "Засяга цялата организация: всички акаунти губят задължителното MFA и блокирането на остарялото удостоверяване, които Security defaults налагат. Заменете ги с политики за условен достъп (Conditional Access).",
    },
  },
  "enable-mailbox-smtp-auth": {
    name: "enable-mailbox-smtp-auth",
    scope: "mailbox",
    title: {
      en: "Turn on authenticated SMTP for this mailbox only",
      bg: "Включване на удостоверен SMTP (SMTP AUTH) само за тази пощенска кутия",
    },
    risk: {
      en: "One mailbox accepts SMTP AUTH again, so its password becomes usable for sending from anywhere. The organisation setting stays off for every other mailbox.",
      bg: "Само тази пощенска кутия отново приема SMTP AUTH и паролата ѝ може да се използва за изпращане отвсякъде. Настройката на организацията остава изключена за всички останали кутии.",
    },
  },
  "disable-per-user-mfa": {
    name: "disable-per-user-mfa",
    scope: "user",
    title: {
      en: "Turn off legacy per-user MFA for this user",
      bg: "Изключване на остарялото MFA за отделен потребител (per-user MFA) за този потребител",
    },
    risk: {
      en: "This user signs in with a password alone. Keep the account to a service role with a long random password, or protect it with Conditional Access instead.",
      bg: "Потребителят ще влиза само с парола. Използвайте акаунта единствено като служебен, с дълга случайна парола, или го защитете с условен достъп (Conditional Access).",
    },
  },
  ...MIGRATION_STEP_DEFINITIONS,
};
