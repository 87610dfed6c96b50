import type { ErrorSignature } from "./error-signatures";
import type { CauseId } from "./types";

/**
 * "Authentication unsuccessful" as devices, Outlook and people write it in English, Spanish,
 * Portuguese and Bulgarian. Compared accent-blind (error-text-views.ts), so "autenticacion" matches too.
 * Spanish: "Error 535 5.7.3 Authentication Unsuccessful: guía completa" (https://blog.silverpc.hu/2025/09/12/error-535-5-7-3-authentication-unsuccessful-guia-completa-para-solucionarlo);
 * Portuguese: "Autenticação Falhada: Guia para Resolver o Erro de Email" (https://blog.tuttosemplice.com/pt/autenticacao-falhada-guia-para-resolver-o-erro-de-email/);
 * Bulgarian: "Неуспешно удостоверяване" ("unsuccessful authentication"), as Bulgarian tickets put it; no public
 * Microsoft rendering was found, so it is matched as a generic failure and nothing stronger.
 */
export const LOCALIZED_FAILURE_PHRASES = [
  "Error de autenticación",
  "Autenticación incorrecta",
  "autenticación fallida",
  "falló la autenticación",
  "la autenticación no se realizó correctamente",
  "Falha na autenticação",
  "Falha de autenticação",
  "Autenticação falhada",
  "a autenticação falhou",
  "autenticação sem êxito",
  "Неуспешно удостоверяване",
  "удостоверяването е неуспешно",
  "удостоверяването не е успешно",
];

/** The English generic phrases and their renderings: one list for the basic and the OAuth reading. */
export const GENERIC_FAILURE_PHRASES = [
  "Authentication unsuccessful",
  "authentication failed",
  "Could not authenticate",
  "SMTPAuthenticationError",
  "AuthenticationFailedException",
  ...LOCALIZED_FAILURE_PHRASES,
];

const WRONG_PASSWORD: Array<readonly [CauseId, number]> = [["wrong-credentials", 0.85]];

/** Specific causes described in Spanish, Portuguese and Bulgarian tickets. */
export const LOCALIZED_SIGNATURES: ErrorSignature[] = [
  {
    tier: 1,
    phrases: [
      "contraseña incorrecta",
      "usuario o contraseña incorrectos",
      "nombre de usuario o contraseña no válidos",
      "senha incorreta",
      "nome de utilizador ou palavra-passe incorretos",
      "nome de usuário ou senha inválidos",
      "грешна парола",
      "грешно потребителско име или парола",
    ],
    causes: WRONG_PASSWORD,
  },
  // Entra's own names for security defaults in those languages (Microsoft Learn pt-pt: "predefinições de
  // Segurança no Microsoft Entra ID", https://learn.microsoft.com/pt-pt/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365).
  {
    tier: 2,
    phrases: ["valores predeterminados de seguridad", "predefinições de segurança", "padrões de segurança", "настройките за сигурност по подразбиране"],
    causes: [["security-defaults-enabled", 0.6]],
  },
  {
    tier: 1,
    phrases: ["SMTP AUTH está deshabilitado", "SMTP autenticado está desactivado", "SMTP AUTH está desabilitado", "SMTP autenticado está desativado", "SMTP AUTH е изключен"],
    causes: [["smtp-auth-disabled-mailbox", 0.6], ["smtp-auth-disabled-tenant", 0.6]],
  },
  // The federated STS reply in other wordings (reference/m365.md §7: "federated STS service was unreachable").
  {
    tier: 1,
    phrases: ["federated STS", "STS service was unreachable", "STS was unreachable", "federation service was unreachable", "servicio STS federado", "STS federado", "федеративната STS услуга"],
    causes: [["federated-sts-unreachable", 0.9]],
  },
  { tier: 2, phrases: ["Federated service at", "adfs/services/trust"], causes: [["federated-sts-unreachable", 0.65], ["wrong-credentials", 0.4]] },
];
