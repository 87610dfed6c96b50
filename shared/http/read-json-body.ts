import { AppError } from "../errors/app-error";
import { readCappedText, type StreamingRequest } from "./read-capped-body";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads and parses a JSON body with a size cap. Content-Length is checked first so an oversized
 * body is refused before it is buffered; a chunked body is counted as it streams and cut off at the cap.
 * `emptyAs` is what an empty body means, for routes whose body is optional.
 */
export async function readJsonBody(request: StreamingRequest, maxBytes = DEFAULT_MAX_BODY_BYTES, options: { emptyAs?: unknown } = {}): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("BODY_TOO_LARGE", `The body may be at most ${maxBytes} bytes.`);
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE");
  }
  const text = await readCappedText(request, maxBytes);
  if (text.trim() === "") {
    if ("emptyAs" in options) return options.emptyAs;
    throw new AppError("INVALID_JSON", "The body is empty; send a JSON object.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AppError("INVALID_JSON", undefined, { cause: e });
  }
}
