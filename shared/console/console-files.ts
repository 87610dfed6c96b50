import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** One built file of the console, ready to send. */
export interface ConsoleFile {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/**
 * The built console (dist/console), read once. Only files that are there by name can be served, so
 * no path from a URL ever reaches the file system.
 */
export class ConsoleFiles {
  private constructor(private readonly files: ReadonlyMap<string, ConsoleFile>) {}

  static async load(dir: string): Promise<ConsoleFiles> {
    const files = new Map<string, ConsoleFile>();
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const contentType = CONTENT_TYPES[path.extname(name)];
      if (contentType) files.set(name, { body: await readFile(path.join(dir, name)), contentType });
    }
    return new ConsoleFiles(files);
  }

  get(name: string): ConsoleFile | undefined {
    return this.files.get(name);
  }
}
