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

/** After an answer, this much more of an unread body is read and dropped so the connection can be reused. */
const DRAIN_BYTES = 64 * 1024;
/** How long that may take, and how long a connection then stays half-closed before it is dropped. */
const DRAIN_MS = 2000;

/**
 * Once a request is answered before its body was read to its end (refused, or cut off by the handler's
 * cap), do as Kestrel does: read and drop a little more, so a small late body keeps the connection
 * alive; past that, read no more, send FIN so the client sees the answer and the end, and drop the
 * connection a little later. Closing at once with unread bytes would reset it and could lose the answer.
 */
export function closeWhenBodyUnread(req: IncomingMessage, res: ServerResponse): void {
  res.once("finish", () => {
    if (req.complete) return;
    let drained = 0;
    const giveUp = () => {
      if (req.complete) return;
      req.removeAllListeners("data").pause();
      req.socket.end();
      setTimeout(() => req.socket.destroy(), DRAIN_MS).unref();
    };
    const timer = setTimeout(giveUp, DRAIN_MS).unref();
    req.removeAllListeners("data");
    req.on("data", (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_BYTES) {
        clearTimeout(timer);
        giveUp();
      }
    });
    req.once("end", () => clearTimeout(timer));
    req.resume();
  });
}
