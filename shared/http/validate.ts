import type { z } from "zod";
import { AppError } from "../errors/app-error";

/** Parses input with a zod schema; a failure becomes a 400 naming each bad field. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(body)", problem: i.message }));
  const first = details[0];
  const message = first ? `${first.field}: ${first.problem}` : "The request is not valid.";
  throw new AppError("VALIDATION_FAILED", message, { details });
}
