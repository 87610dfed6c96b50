import { describe, expect, it } from "vitest";
import { readCappedText } from "../../../shared/http/read-capped-body";

/** A request whose body arrives in chunks, counting how many the reader pulled. */
function chunked(chunks: number, size: number, contentLength?: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
  const headers = new Map(contentLength !== undefined ? [["content-length", String(contentLength)]] : []);
  return { request: { headers: { get: (name: string) => headers.get(name) ?? null }, body }, pulled: () => pulled };
}

describe("readCappedText", () => {
  it("reads a body up to the cap", async () => {
    const { request } = chunked(4, 1024);
    expect((await readCappedText(request, 4096)).length).toBe(4096);
  });

  it("stops reading a chunked body as soon as it passes the cap, and refuses it with 413", async () => {
    const { request, pulled } = chunked(1000, 1024);
    await expect(readCappedText(request, 4096)).rejects.toMatchObject({ code: "BODY_TOO_LARGE", status: 413 });
    expect(pulled()).toBeLessThanOrEqual(6);
  });

  it("refuses a declared length over the cap without reading anything", async () => {
    const { request, pulled } = chunked(10, 1024, 10_240);
    await expect(readCappedText(request, 4096)).rejects.toMatchObject({ code: "BODY_TOO_LARGE" });
    expect(pulled()).toBeLessThanOrEqual(1);
  });
});
