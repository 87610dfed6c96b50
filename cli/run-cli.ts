import { describeReading, readErrorText, stepsWithinReach, type Locale, type TextReading } from "../shared/domain";

/** What the CLI reads from and writes to; the real process or a test's buffers. */
export interface CliIo {
  readStdin(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 done, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;

export const USAGE = 'usage: smtp-auth diagnose ["<error text>" | -] [--json] [--lang en|bg]   (no text or "-": read stdin)';

interface DiagnoseArgs {
  text: string | null;
  json: boolean;
  locale: Locale;
}

function parseDiagnose(args: string[]): DiagnoseArgs | string {
  const parsed: DiagnoseArgs = { text: null, json: false, locale: "en" };
  let positional = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--json") parsed.json = true;
    else if (arg === "--lang") {
      const value = args[++i];
      if (value !== "en" && value !== "bg") return "--lang takes en or bg";
      parsed.locale = value;
    } else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else if (++positional > 1) return "give the error text as one argument (quote it)";
    else parsed.text = arg === "-" ? null : arg;
  }
  return parsed;
}

/** The JSON shape of `diagnose --json`: causes best first, and the automatic steps the report can lead to. */
export function readingToJson(reading: TextReading): string {
  return JSON.stringify({ causes: reading.causes, authMethod: reading.authMethod ?? "unknown", stepsWithinReach: stepsWithinReach(reading) }, null, 2);
}

/** Runs the CLI on argv (without node and script) and returns the exit code. Offline: text only. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (command !== "diagnose") {
    io.err(command === undefined ? USAGE : `unknown command ${command}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const args = parseDiagnose(rest);
  if (typeof args === "string") {
    io.err(`${args}\n${USAGE}`);
    return EXIT_USAGE;
  }
  const text = args.text ?? (await io.readStdin());
  if (text.trim() === "") {
    io.err(`no error text given\n${USAGE}`);
    return EXIT_USAGE;
  }
  const reading = readErrorText(text);
  io.out(args.json ? readingToJson(reading) : describeReading(reading, args.locale));
  return EXIT_OK;
}
