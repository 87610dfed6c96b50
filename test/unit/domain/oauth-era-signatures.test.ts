import { describe, expect, it } from "vitest";
import { CAUSES, NEVER_WEAKEN } from "../../../shared/domain/causes";
import { readErrorText } from "../../../shared/domain/read-error-text";
import { causeOfSignInError } from "../../../shared/domain/sign-in-error-codes";
import type { CauseId } from "../../../shared/domain/types";

/** One report per new signature (and per language), with the cause it must name first. */
const CASES: Array<readonly [string, CauseId]> = [
  // OAuth: the generic reply means the app or the token once the client is an XOAUTH2 one.
  ["AUTH XOAUTH2 ... 535 5.7.3 Authentication unsuccessful [LO4P123CA0042]", "oauth-app-not-permitted"],
  ["MailKit SaslMechanismOAuth2 (XOAUTH2): 535: 5.7.3 Authentication unsuccessful", "oauth-app-not-permitted"],
  ["OAuth2 token for noreply@contoso.com: 550 5.7.60 SMTP; Client does not have permissions to send as this sender [SendAsDenied]", "oauth-token-wrong-user"],
  ["the token belongs to another account than the mailbox named in AUTH", "oauth-token-wrong-user"],
  ["AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value", "oauth-client-credentials-invalid"],
  ["AADSTS7000222: The provided client secret keys for app '3f2a' are expired.", "oauth-client-credentials-invalid"],
  ["AADSTS700016: Application with identifier 'x' was not found in the directory 'Contoso'.", "oauth-client-credentials-invalid"],
  ["servicePrincipal sign-in failed, Sign-in error code: 7000222", "oauth-client-credentials-invalid"],
  ["{'error': 'invalid_client'}", "oauth-client-credentials-invalid"],
  ["invalid_grant: AADSTS700082: The refresh token has expired due to inactivity.", "oauth-refresh-token-expired"],
  ["AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00", "oauth-refresh-token-expired"],
  ["AADSTS50173: The provided grant has expired due to it being revoked", "oauth-refresh-token-expired"],
  ["{'error': 'invalid_grant'}", "oauth-refresh-token-expired"],
  // TLS mode and cipher.
  ["ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", "tls-mode-mismatch"],
  ["javax.net.ssl.SSLException: Unrecognized SSL message, plaintext connection?", "tls-mode-mismatch"],
  ["System.IO.IOException: The handshake failed due to an unexpected packet format.", "tls-mode-mismatch"],
  ["the copier is set to SSL on port 465 and times out", "tls-mode-mismatch"],
  ["Cannot connect to SMTP server. SSL negotiation failed.", "tls-cipher-unsupported"],
  ["SSL routines:ssl3_get_client_hello:no shared cipher", "tls-cipher-unsupported"],
  ["tlsv1 alert insufficient security", "tls-cipher-unsupported"],
  // Replies about quotas, reputation and domains.
  ["554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; the sender's submission quota was exceeded", "not-smtp-auth"],
  ["554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded", "not-smtp-auth"],
  ["550 5.7.606 Access denied, banned sending IP [185.234.72.45]", "not-smtp-auth"],
  ["550 5.7.705 Access denied, tenant has exceeded threshold", "not-smtp-auth"],
  ["550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP", "not-smtp-auth"],
  ["550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains", "not-smtp-auth"],
  ["550 5.1.90 Your message can't be sent because you've reached your daily limit for message recipients", "not-smtp-auth"],
  // Spanish, Portuguese, Bulgarian.
  ["La impresora muestra: Error de autenticación. Usuario o contraseña incorrectos.", "wrong-credentials"],
  ["Falha na autenticação: senha incorreta", "wrong-credentials"],
  ["Неуспешно удостоверяване — грешна парола", "wrong-credentials"],
  ["Error de autenticacion (sin tilde) 535 5.7.3", "smtp-auth-disabled-tenant"],
  ["Autenticação falhada 535 5.7.3", "smtp-auth-disabled-tenant"],
  ["Неуспешно удостоверяване 535 5.7.3", "smtp-auth-disabled-tenant"],
  ["Falha na autenticação (XOAUTH2) 535 5.7.3", "oauth-app-not-permitted"],
  ["Error de autenticación; las predefinições de segurança / valores predeterminados de seguridad están activados", "security-defaults-enabled"],
  ["Falha na autenticação, as predefinições de segurança estão ativas", "security-defaults-enabled"],
  ["Неуспешно удостоверяване, включени са настройките за сигурност по подразбиране", "security-defaults-enabled"],
  ["El SMTP AUTH está deshabilitado para el buzón", "smtp-auth-disabled-mailbox"],
  // The federated STS wording.
  ["535 5.7.139 Authentication unsuccessful, the federated STS was unreachable", "federated-sts-unreachable"],
  ["el servicio STS federado no responde", "federated-sts-unreachable"],
  ["Federated service at https://sts.contoso.com/adfs/services/trust/2005/usernamemixed returned error", "federated-sts-unreachable"],
];

describe("signatures of the OAuth era, TLS, non-authentication replies and other languages", () => {
  it.each(CASES)("reads %j as %s first", (text, cause) => {
    const reading = readErrorText(text);
    expect(reading.causes[0]?.id).toBe(cause);
    expect(reading.causes[0]?.evidence.length).toBeGreaterThan(3);
  });

  it("no longer reads an XOAUTH2 535 5.7.3 as SMTP AUTH off for the tenant (the measured miss)", () => {
    const reading = readErrorText("AUTH XOAUTH2 dXNlcj1... 535 5.7.3 Authentication unsuccessful");
    expect(reading.authMethod).toBe("oauth");
    expect(reading.causes.map((c) => c.id)).not.toContain("smtp-auth-disabled-tenant");
    // The same reply from a password client still reads as the usual settings.
    expect(readErrorText("AUTH LOGIN ... 535 5.7.3 Authentication unsuccessful").causes[0]?.id).toBe("smtp-auth-disabled-tenant");
  });

  it("reads 5.7.60 as a From-address problem for a password client and as the token's account for an OAuth one", () => {
    expect(readErrorText("550 5.7.60 SMTP; Client does not have permissions to send as this sender").causes[0]?.id).toBe("sender-not-permitted");
    expect(readErrorText("XOAUTH2 550 5.7.60 SMTP; Client does not have permissions to send as this sender").causes[0]?.id).toBe("oauth-token-wrong-user");
  });

  it("maps the OAuth AADSTS codes of sign-in logs to the new causes", () => {
    expect(causeOfSignInError(7000215)).toBe("oauth-client-credentials-invalid");
    expect(causeOfSignInError(700016)).toBe("oauth-client-credentials-invalid");
    expect(causeOfSignInError(700082)).toBe("oauth-refresh-token-expired");
    expect(causeOfSignInError(50173)).toBe("oauth-refresh-token-expired");
  });

  it("gives every never-weaken cause no fix step, a stop after the steps, and OAuth ones the oauth-app path in both languages", () => {
    for (const id of NEVER_WEAKEN) {
      expect(CAUSES[id].fixStep, id).toBeNull();
      expect(CAUSES[id].blocksAfterSteps, id).toBe(true);
      if (id.startsWith("oauth-")) {
        expect(CAUSES[id].guidance.en.join(" "), id).toContain('"path": "oauth-app"');
        expect(CAUSES[id].guidance.bg.join(" "), id).toContain('"path": "oauth-app"');
      }
    }
    expect(NEVER_WEAKEN.size).toBe(7);
  });
});
