import { SMTP_REPLIES } from "./smtp-replies";
import type { SmtpReply } from "./smtp-replies";
import type { MailboxRecord } from "../state/mailbox-record";

/** What an authenticated session's MAIL FROM is judged on. */
export interface MailFromAttempt {
  /** The address after MAIL FROM. */
  sender: string;
  /** The authenticated mailbox (the AUTH user name, lower case). */
  user: string;
  /** That mailbox's record, when it still exists. */
  record: MailboxRecord | undefined;
  /** Whether the session holds one of the mailbox's sender threads (see SenderThreadLimit). */
  hasSenderThread: boolean;
}

/**
 * MAIL FROM after a successful AUTH, checked in this order (see dev/sim/README.md): a sender
 * thread for the session (432 4.3.2), a mailbox restricted from sending (550 5.1.8), the sender
 * being the authenticated mailbox (550 5.7.60). Undefined means 250.
 */
export function decideMailFrom(attempt: MailFromAttempt): SmtpReply | undefined {
  if (!attempt.hasSenderThread) return SMTP_REPLIES.senderThreadLimit;
  if (attempt.record?.restrictedSender) return SMTP_REPLIES.badOutboundSender;
  if (attempt.sender.toLowerCase() !== attempt.user) return SMTP_REPLIES.senderNotPermitted;
  return undefined;
}
