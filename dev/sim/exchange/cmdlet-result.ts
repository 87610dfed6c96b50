import type { SimResponse } from "../http/sim-http";
import type { CmdletResult } from "./cmdlets";

/** A cmdlet's objects (and Exchange's warnings). */
export const objects = (list: Array<Record<string, unknown>>, warnings: string[] = []): CmdletResult => ({ kind: "objects", objects: list, warnings });
/** A cmdlet's error reply. */
export const failure = (response: SimResponse): CmdletResult => ({ kind: "error", response });
/** A parameter as text ("" when absent). */
export const text = (value: unknown): string => (typeof value === "string" ? value.trim() : "");
/** A multi-valued parameter as Exchange binds it: an array, or one value. */
export const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined || value === null || value === "" ? [] : [String(value)]);
