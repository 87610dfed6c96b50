import { AppError, type ErrorCode } from "../errors/app-error";

/** The HTTP answer for a webhook refusal from the app's error catalogue; `detail` only where it leaks nothing. */
export function webhookError(code: ErrorCode, detail?: string): { status: number; body: { error: { code: string; message: string } } } {
  const error = new AppError(code);
  return { status: error.status, body: { error: { code, message: detail ? `${error.message} ${detail}` : error.message } } };
}
