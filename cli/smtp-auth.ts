/** Entry point of `npx smtp-auth`: runs the CLI against the real process. */
import { runCli, type CliIo } from "./run-cli";

async function readStdin(): Promise<string> {
  // An interactive terminal with nothing piped would wait forever: treat it as no text.
  if (process.stdin.isTTY) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

const io: CliIo = {
  readStdin,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`smtp-auth: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
