/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { registerBrowseRoutes } from "../routes/browse-routes.js";
import { registerImportRoutes } from "../routes/import-routes.js";
import { registerTemplateRoutes } from "../routes/template-routes.js";
import { ForbiddenPage, UnauthorizedPage } from "../views/simple-pages.js";
import { CLIENT_ASSET_NAMES, type ClientAssetName } from "./client-asset-names.js";
import type { ConsoleContext } from "./console-context.js";
import { guardRequests } from "./guard-requests.js";
import { securityHeaders } from "./security-headers.js";

/** The largest request body: a CSV upload. Template forms are far smaller. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

/**
 * The console's routes behind its guard (Host, session, CSRF; see guard-requests.ts) and
 * security headers. `port` is read per request: it is known once the server listens.
 */
export function createConsoleApp(context: ConsoleContext, port: () => number): Hono {
  const app = new Hono();
  app.use(securityHeaders);
  app.use(
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: (c) => c.text("The upload is larger than 64 MiB.\n", 413),
    }),
  );
  app.use(
    guardRequests({
      secrets: context.secrets,
      port,
      unauthorized: (c) => c.html(`<!doctype html>${<UnauthorizedPage />}`, 401),
      forbidden: (c, why) => c.html(`<!doctype html>${<ForbiddenPage why={why} />}`, 403),
    }),
  );

  app.get("/assets/:name", (c) => {
    const name = c.req.param("name");
    const asset = (CLIENT_ASSET_NAMES as readonly string[]).includes(name)
      ? context.assets.get(name as ClientAssetName)
      : undefined;
    if (asset === undefined) return c.text("not found", 404);
    return c.body(asset.body, 200, {
      "content-type": asset.contentType,
      // Pages link each file with a hash of its content: a new bundle is a new URL.
      "cache-control": "private, max-age=31536000, immutable",
    });
  });

  registerBrowseRoutes(app, context);
  registerTemplateRoutes(app, context);
  registerImportRoutes(app, context);

  app.notFound((c) => c.text("Not found.\n", 404));
  app.onError((error, c) => {
    // The page says only that it failed: details go to the console's log, for the person who
    // started it. Errors of the client carry no secret (core redacts them).
    context.log(`console: ${c.req.method} ${c.req.path} failed: ${error.name}: ${error.message}`);
    return c.text("The console failed to answer this request; its terminal says why.\n", 500);
  });
  return app;
}
