#!/usr/bin/env node
import {
  processStopSignal,
  resolveServeOptions,
  runServe,
  SERVE_FLAGS,
  type ServeFlags,
} from "@promptmill/service";
import { Command, type CommanderError, Option } from "commander";

/*
 * A thin shell over @promptmill/service: the flags, their resolution, the banner and the stop
 * on a signal are the package's, shared with `promptmill serve`.
 */
const program = new Command("promptmill-server")
  .description("A local service that speaks the Model Studio prompt-template API")
  .showHelpAfterError()
  .exitOverride();
for (const spec of SERVE_FLAGS) {
  const option = new Option(spec.flags, spec.description);
  program.addOption(spec.choices === undefined ? option : option.choices([...spec.choices]));
}

async function main(): Promise<number> {
  try {
    program.parse();
  } catch (error) {
    // Commander has printed its message (or the help) already.
    return (error as CommanderError).exitCode === 0 ? 0 : 1;
  }
  // Before the service starts: whoever waits for the ready line may signal straight away.
  const signal = processStopSignal();
  const options = await resolveServeOptions(program.opts<ServeFlags>(), process.env, process.cwd());
  await runServe(options, {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
    signal,
  });
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`promptmill-server: ${message}\n`);
    process.exit(1);
  },
);
