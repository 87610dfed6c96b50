import type { ErrorSignature } from "./error-signatures";
import { GENERIC_FAILURE_PHRASES } from "./localized-signatures";

/**
 * Replies of the OAuth era and beyond, each with the public source its wording comes from.
 * None of them names a cause a tenant setting produces (causes.ts NEVER_WEAKEN).
 */
export const OAUTH_ERA_SIGNATURES: ErrorSignature[] = [
  // XOAUTH2 refused with the generic 535 5.7.3: the app is not registered in Exchange or has no
  // mailbox access (https://www.maartendekeizer.nl/blog/detail/setup-smtp-xoauth2-with-microsoft-365,
  // "skipping this causes 535 5.7.3 Authentication Unsuccessful": https://mail-sender67.duckdns.org/help),
  // or the token is another account's (Microsoft Tech Community, "SMTP XOAuth authentication and
  // Microsoft authentication libraries": 535: 5.7.3 Authentication unsuccessful for a token of another account).
  {
    tier: 2,
    requires: "oauth",
    phrases: GENERIC_FAILURE_PHRASES,
    codes: ["5.7.3"],
    causes: [["oauth-app-not-permitted", 0.7], ["oauth-token-wrong-user", 0.55]],
  },
  // With OAuth, "5.7.60 SendAsDenied" means the token's account is not the sender it names
  // (https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online, 5.7.60).
  {
    tier: 1,
    requires: "oauth",
    phrases: ["SendAsDenied", "Client does not have permissions to send as this sender"],
    codes: ["5.7.60"],
    causes: [["oauth-token-wrong-user", 0.85], ["sender-not-permitted", 0.7]],
  },
  {
    tier: 1,
    phrases: ["token belongs to another", "token belongs to a different", "token was issued to a different user", "token is for a different user", "token for a different account", "token of another account", "token was issued for another user"],
    causes: [["oauth-token-wrong-user", 0.8]],
  },
  // Client credentials (https://learn.microsoft.com/azure/developer/java/sdk/troubleshooting-authentication-service-principal:
  // AADSTS7000215 invalid secret, AADSTS7000222 expired secret, AADSTS700016 application not found; the codes
  // themselves come from sign-in-error-codes.ts).
  {
    tier: 1,
    phrases: ["Invalid client secret provided", "client secret keys for app", "expired client secret", "was not found in the directory", "Application with identifier"],
    causes: [["oauth-client-credentials-invalid", 0.9]],
  },
  { tier: 2, phrases: ["invalid_client", "unauthorized_client"], causes: [["oauth-client-credentials-invalid", 0.7]] },
  // Refresh tokens (Microsoft Q&A 1338428 "AADSTS700082: The refresh token has expired due to inactivity";
  // https://learn.microsoft.com/entra/identity-platform/refresh-tokens: 24 hours for SPAs, 90 days otherwise).
  {
    tier: 1,
    phrases: ["refresh token has expired", "refresh token was issued to a single page app", "provided grant has expired", "refresh token is expired", "refresh token expired"],
    causes: [["oauth-refresh-token-expired", 0.9]],
  },
  { tier: 2, phrases: ["invalid_grant"], causes: [["oauth-refresh-token-expired", 0.65]] },
  // Implicit TLS spoken to STARTTLS port 587 (OpenSSL "wrong version number", Java "Unrecognized SSL
  // message, plaintext connection?", .NET "unexpected packet format"); Microsoft 365 offers STARTTLS on 587
  // (https://learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365;
  // "Port 465 is normally the implicit SSL SMTP port": https://cknotes.com/port-465-is-normally-the-implicit-ssl-smtp-port-but-not-always/).
  {
    tier: 1,
    phrases: ["wrong version number", "WRONG_VERSION_NUMBER", "Unrecognized SSL message, plaintext connection", "unexpected packet format", "SSL routines:ssl3_get_record:wrong version"],
    causes: [["tls-mode-mismatch", 0.85], ["tls-version-unsupported", 0.3]],
  },
  { tier: 2, phrases: ["port 465", "implicit SSL", "implicit TLS"], causes: [["tls-mode-mismatch", 0.6]] },
  // Old controllers that speak TLS 1.2 only with RSA key exchange: "SSL negotiation failed" on Ricoh,
  // Xerox, Kyocera and Sharp devices since February 2025 (borncity report, summarised at
  // http://kmeys.com/shuma/202502/141175.html: "works if the server offers TLS_RSA, fails with elliptic curves only").
  {
    tier: 1,
    phrases: ["no shared cipher", "NO_SHARED_CIPHER", "no cipher suites in common", "cipher suite mismatch", "no ciphers available", "SSL negotiation failed", "SSL negotiation failure", "alert insufficient security"],
    causes: [["tls-cipher-unsupported", 0.85], ["tls-version-unsupported", 0.4]],
  },
  // Replies about quotas, reputation and domains: no authentication setting fixes them.
  // SubmissionQuotaExceeded and 5.2.2 mailbox full: https://learn.microsoft.com/exchange/troubleshoot/send-emails/smtp-submission-improvements
  // 5.7.705 / 5.7.708 / 5.7.750: https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750
  // 5.7.606 banned sending IP: https://pastebin.com/EH1TUb0X (an NDR from *.mail.protection.outlook.com), delisting at sender.office.com
  {
    tier: 1,
    phrases: [
      "SubmissionQuotaExceededException",
      "submission quota was exceeded",
      "QuotaExceededException",
      "mailbox full",
      "banned sending IP",
      "traffic not accepted from this IP",
      "blocked from sending from unregistered domains",
      "tenant has exceeded threshold",
      "part of their network is on our block list",
      "Recipient address rejected: Access denied",
      "reached your daily limit for message recipients",
    ],
    codes: ["5.7.606", "5.7.705", "5.7.708", "5.7.750", "5.2.2", "5.1.90"],
    causes: [["not-smtp-auth", 0.9]],
  },
];
