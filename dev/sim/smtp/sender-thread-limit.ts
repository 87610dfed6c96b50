/** Concurrent SMTP submission sessions Office 365 allows one mailbox. */
export const SENDER_THREADS_PER_MAILBOX = 3;

/**
 * Office 365's per-mailbox limit on concurrent SMTP connections ("sender thread limit").
 * A session takes one of its mailbox's threads when it authenticates, if one is free, and keeps it
 * until the connection closes. A session that found none tries again at each MAIL FROM, so it
 * can send once another session of the same mailbox has gone.
 */
export class SenderThreadLimit {
  /** Mailbox key → ids of the sessions holding its threads. */
  private readonly holders = new Map<string, Set<string>>();
  /** Session id → the mailbox key it holds a thread of. */
  private readonly heldBy = new Map<string, string>();

  constructor(private readonly threadsPerMailbox = SENDER_THREADS_PER_MAILBOX) {}

  /** Gives the session a thread of the mailbox unless all are taken; true when it holds one. */
  acquire(sessionId: string, mailbox: string): boolean {
    const key = mailbox.toLowerCase();
    if (this.heldBy.get(sessionId) === key) return true;
    const sessions = this.holders.get(key) ?? new Set<string>();
    if (sessions.size >= this.threadsPerMailbox) return false;
    sessions.add(sessionId);
    this.holders.set(key, sessions);
    this.heldBy.set(sessionId, key);
    return true;
  }

  /** Frees the session's thread, if it holds one (called when its connection closes). */
  release(sessionId: string): void {
    const key = this.heldBy.get(sessionId);
    if (key === undefined) return;
    this.heldBy.delete(sessionId);
    const sessions = this.holders.get(key);
    sessions?.delete(sessionId);
    if (sessions?.size === 0) this.holders.delete(key);
  }

  /** Sessions currently holding a thread of the mailbox. */
  inUse(mailbox: string): number {
    return this.holders.get(mailbox.toLowerCase())?.size ?? 0;
  }
}
