import { startLocalService } from "../../start-local-service.js";

/**
 * The local service in a process of its own, for attacks that stop it (SIGTERM, SIGKILL) and
 * start it again on the same data, and for two processes on one database. Options come as
 * JSON in the environment (SERVICE_OPTIONS), not the command line, which any user can read
 * and which would show a database URL's password; prints {"port"} once listening; closes on
 * SIGTERM as the program does.
 */
const options = JSON.parse(process.env.SERVICE_OPTIONS ?? "{}");
const service = await startLocalService(options);
process.stdout.write(`${JSON.stringify({ port: service.port })}\n`);
process.once("SIGTERM", () => {
  service.close().then(() => process.exit(0));
});
