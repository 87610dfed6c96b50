import { z } from "zod";
import { STEP_NAMES } from "../domain/types";
import type { Stage } from "./remediation-record";

/** "Run stage S of request R, attempt n". One such message is in flight per request. */
export interface StageMessage {
  requestId: string;
  stage: Exclude<Stage, "done">;
  /** run: check → apply → verify; verify: the write was sent, only read it back. */
  phase: "run" | "verify";
  attempt: number;
}

const StageMessageSchema = z.object({
  requestId: z.string().min(1).max(100),
  stage: z.enum(["diagnose", ...STEP_NAMES]),
  phase: z.enum(["run", "verify"]),
  attempt: z.number().int().min(1).max(1000),
});

/** Thrown for a message no retry can help (wrong shape, unknown request): it belongs in the dead-letter queue. */
export class PoisonMessageError extends Error {
  override readonly name = "PoisonMessageError";
  readonly deadLetter = true;
}

export function parseStageMessage(body: unknown): StageMessage {
  const parsed = StageMessageSchema.safeParse(typeof body === "string" ? safeJson(body) : body);
  if (!parsed.success) throw new PoisonMessageError(`Not a stage message: ${parsed.error.issues[0]?.message ?? "wrong shape"}`);
  return parsed.data;
}

/** Ids are unique per request, stage, phase and attempt: a duplicate send of the same message is detectable. */
export function stageMessageId(m: StageMessage, suffix = ""): string {
  return `${m.requestId}:${m.stage}:${m.phase}:${m.attempt}${suffix ? `:${suffix}` : ""}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
