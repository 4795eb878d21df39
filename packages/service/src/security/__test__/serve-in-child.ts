import { startLocalService } from "../../start-local-service.js";

/**
 * The local service in a process of its own, for attacks that stop it (SIGTERM, SIGKILL) and
 * start it again on the same file. Options come as JSON in argv[2]; prints {"port"} once
 * listening; closes on SIGTERM as the program does.
 */
const options = JSON.parse(process.argv[2] ?? "{}");
const service = await startLocalService(options);
process.stdout.write(`${JSON.stringify({ port: service.port })}\n`);
process.once("SIGTERM", () => {
  service.close().then(() => process.exit(0));
});
