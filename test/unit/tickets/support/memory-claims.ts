import type { NoteClaims } from "../../../../shared/tickets/note-once";

/** In-process note claims with the store's rule: the first claim of a key wins until released. */
export class MemoryClaims implements NoteClaims {
  readonly keys = new Set<string>();

  async claim(key: string): Promise<{ claimed: boolean }> {
    if (this.keys.has(key)) return { claimed: false };
    this.keys.add(key);
    return { claimed: true };
  }

  async release(key: string): Promise<void> {
    this.keys.delete(key);
  }
}
