import path from "node:path";
import { AZURITE_DEFAULT_PORTS, startAzurite } from "./azurite";

/**
 * `npm run azurite`: Azurite on its default ports with data under `.azurite/`, in the foreground,
 * so `npm start` can be stopped and restarted while storage lives on.
 */
async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, "../..");
  const azurite = await startAzurite({
    location: path.join(repoRoot, ".azurite"),
    blobPort: AZURITE_DEFAULT_PORTS.blob,
    queuePort: AZURITE_DEFAULT_PORTS.queue,
    tablePort: AZURITE_DEFAULT_PORTS.table,
    quiet: true,
  });
  if (azurite.reused) {
    console.log(`Azurite already listens on ports ${azurite.queuePort} (queue) and ${azurite.tablePort} (table); nothing to start.`);
    console.log(`AzureWebJobsStorage=${azurite.connectionString}`);
    return;
  }
  console.log(`Azurite ready (data in ${path.join(repoRoot, ".azurite")}).`);
  console.log(`AzureWebJobsStorage=${azurite.connectionString}`);
  console.log("Press Ctrl+C to stop.");
  const stop = () => {
    void azurite.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
