import { app } from "@azure/functions";

/**
 * The app's one call to `app.setup`. The library accepts it only until the worker has started, so
 * define.ts imports this module first: it runs before any function registers. With streaming on, the
 * Functions host hands request bodies to handlers as streams instead of buffering each one whole (up to
 * 100 MB), so a handler's own cap (webhooks: 256 KiB) is what bounds memory. The local host in dev/
 * reads this same object, so there is no second switch.
 */
export const APP_SETUP = { enableHttpStream: true } as const;

app.setup(APP_SETUP);
