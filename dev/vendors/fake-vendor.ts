import { VendorHttpServer } from "./vendor-http";
import type { VendorAnswer, VendorRequest } from "./vendor-http";

/**
 * What every fake ticket vendor shares: its HTTP server, the notes it took and the requests it
 * refused, and a hook that runs after each note (as the vendor's own webhook fires after a note),
 * whose work a test can wait for with `settled()`.
 */
export abstract class FakeVendor<Note> {
  readonly notes: Note[] = [];
  readonly refused: Array<{ path: string; status: number }> = [];
  afterNote?: (note: Note) => Promise<void>;
  private readonly pending: Array<Promise<void>> = [];
  protected readonly http = new VendorHttpServer((request) => this.handle(request));

  start(): Promise<string> {
    return this.http.start();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  get origin(): string {
    return this.http.origin;
  }

  /** Waits for the work the notes so far caused. */
  async settled(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }

  protected abstract handle(request: VendorRequest): VendorAnswer;

  /** Keeps a note and runs the after-note hook; the vendor's answer is the caller's. */
  protected keep(note: Note): void {
    this.notes.push(note);
    if (this.afterNote) this.pending.push(this.afterNote(note));
  }

  /** Counts a refusal; `body` is the vendor's own error shape. */
  protected refusal(path: string, status: number, body: unknown): VendorAnswer {
    this.refused.push({ path, status });
    return { status, body };
  }
}
