import { SMTP_REPLIES, SMTP_SERVER_NAME } from "./smtp-replies";
import type { SmtpReply } from "./smtp-replies";

/**
 * TLS settings of STARTTLS. Node's OpenSSL refuses TLS 1.0/1.1 by default (minimum TLS 1.2,
 * security level 1), so an old client could not even finish the handshake; Office 365 lets it
 * finish and then answers 421 4.7.66, which is what a diagnosis needs to see. Hence TLS 1.0 as the
 * floor and security level 0, which re-allows the SHA-1 signatures TLS 1.0/1.1 rely on.
 */
export const STARTTLS_SETTINGS = { minVersion: "TLSv1", ciphers: "DEFAULT@SECLEVEL=0" } as const;

/** TLS material for STARTTLS. */
export interface SmtpTls {
  key: string;
  cert: string;
}

/** What every Office 365-like listener of the simulator shares: its name, banner, STARTTLS and no logging. */
export function officeSmtpOptions(tls: SmtpTls) {
  return { name: SMTP_SERVER_NAME, banner: "Microsoft ESMTP MAIL Service ready", key: tls.key, cert: tls.cert, ...STARTTLS_SETTINGS, logger: false } as const;
}

const LEGACY_PROTOCOLS = new Set(["TLSv1", "TLSv1.1", "SSLv3"]);

/** The reply for a session that negotiated this protocol (`TLSSocket.getProtocol()`): 421 4.7.66 below TLS 1.2, else none. */
export function replyForTlsProtocol(protocol: string | null): SmtpReply | undefined {
  return protocol !== null && LEGACY_PROTOCOLS.has(protocol) ? SMTP_REPLIES.tlsVersionUnsupported : undefined;
}
