import { SMTP_REPLIES } from "./smtp-replies";
import type { SmtpReply } from "./smtp-replies";

/**
 * TLS settings of STARTTLS. Node's OpenSSL refuses TLS 1.0/1.1 by default (minimum TLS 1.2,
 * security level 1), so an old client could not even finish the handshake; Office 365 lets it
 * finish and then answers 421 4.7.66, which is what a diagnosis needs to see. Hence TLS 1.0 as the
 * floor and security level 0, which re-allows the SHA-1 signatures TLS 1.0/1.1 rely on.
 */
export const STARTTLS_SETTINGS = { minVersion: "TLSv1", ciphers: "DEFAULT@SECLEVEL=0" } as const;

const LEGACY_PROTOCOLS = new Set(["TLSv1", "TLSv1.1", "SSLv3"]);

/** The reply for a session that negotiated this protocol (`TLSSocket.getProtocol()`): 421 4.7.66 below TLS 1.2, else none. */
export function replyForTlsProtocol(protocol: string | null): SmtpReply | undefined {
  return protocol !== null && LEGACY_PROTOCOLS.has(protocol) ? SMTP_REPLIES.tlsVersionUnsupported : undefined;
}
