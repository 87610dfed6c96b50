import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The Functions host's request body limit: 100 MB unless the app setting FUNCTIONS_REQUEST_BODY_SIZE_LIMIT
 * (bytes) says otherwise, in Azure and here.
 */
export const DEFAULT_REQUEST_BODY_LIMIT = 104_857_600;

export function requestBodyLimit(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.FUNCTIONS_REQUEST_BODY_SIZE_LIMIT;
  if (raw === undefined || raw === "") return DEFAULT_REQUEST_BODY_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit <= 0) throw new Error(`FUNCTIONS_REQUEST_BODY_SIZE_LIMIT must be a whole number of bytes above 0, not "${raw}".`);
  return limit;
}

/** The body went past the host's limit. */
export class RequestBodyTooLargeError extends Error {
  override readonly name = "RequestBodyTooLargeError";
}

/** True when the declared Content-Length alone is over the limit (refused before reading, as Kestrel does). */
export function declaredOverLimit(req: IncomingMessage, limit: number): boolean {
  return Number(req.headers["content-length"] ?? 0) > limit;
}

/**
 * The body as a web stream that reads the socket only as fast as the handler reads the stream, as
 * with `enableHttpStream` in Azure: nothing is buffered ahead beyond one 64 KiB chunk. When the handler
 * cancels (its own cap), reading stops. More than `limit` bytes errors the stream.
 */
export function streamBody(req: IncomingMessage, limit: number): { body: ReadableStream<Uint8Array>; overLimit: () => boolean } {
  let received = 0;
  let over = false;
  let done = false;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (done) return;
          received += chunk.length;
          if (received > limit) {
            over = done = true;
            req.pause();
            controller.error(new RequestBodyTooLargeError(`The request body is over ${limit} bytes.`));
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => {
          if (!done) controller.close();
          done = true;
        });
        req.once("error", (e) => {
          if (!done) controller.error(e);
          done = true;
        });
        req.pause();
      },
      pull() {
        if (!done) req.resume();
      },
      cancel() {
        done = true;
        req.pause();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  return { body, overLimit: () => over };
}

/** The whole body in memory, as the Functions host buffers it without `enableHttpStream`; over `limit` rejects and stops reading. */
export function bufferBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaredOverLimit(req, limit)) return reject(new RequestBodyTooLargeError(`The request body is over ${limit} bytes.`));
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData).pause();
      chunks.length = 0;
      reject(new RequestBodyTooLargeError(`The request body is over ${limit} bytes.`));
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** How long a connection whose body was left unread stays half-closed before it is dropped. */
const LINGER_MS = 2000;

/**
 * Call just before answering. When the body has not been read to its end (refused, or cut off by the
 * handler's cap), the answer says `Connection: close`, so the client does not reuse the connection,
 * and the host reads no more of it. Node would then close at once, and closing with unread bytes
 * resets the connection, which can lose the answer; so it half-closes (FIN) and drops it a little later.
 */
export function closeIfBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete || res.headersSent) return;
  res.setHeader("Connection", "close");
  const socket = req.socket;
  socket.destroySoon = () => {
    req.removeAllListeners("data").pause();
    socket.pause();
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}
