import { AppError } from "../errors/app-error";

/** The least a request must offer to be read as a stream; matches @azure/functions HttpRequest. */
export interface StreamingRequest {
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

/**
 * Reads a request body as text, refusing it (413 BODY_TOO_LARGE) as soon as more than `maxBytes`
 * arrive: a declared Content-Length is checked before reading, and a chunked body is counted chunk by
 * chunk and cancelled at the cap, so an oversized body is never held whole.
 */
export async function readCappedText(request: StreamingRequest, maxBytes: number): Promise<string> {
  const tooLarge = (): AppError => new AppError("BODY_TOO_LARGE", `The body may be at most ${maxBytes} bytes.`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
