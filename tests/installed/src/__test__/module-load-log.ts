import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Records which ES modules a program loads: how the tests show that a command or an import
 * does not load what it does not need (ky, zod, the service…) in the installed packages.
 */
export interface ModuleLoadLog {
  /** Environment for the program: preloads the hook and names the log file. */
  readonly env: NodeJS.ProcessEnv;
  /** The URL of every module loaded so far, in order. */
  loaded(): Promise<string[]>;
}

/**
 * Writes a module-load hook into `dir` and an empty log; a program run with `env` appends the
 * URL of each module the loader loads to the log.
 */
export async function moduleLoadLog(dir: string, name: string): Promise<ModuleLoadLog> {
  const hooks = join(dir, "log-loads-hooks.mjs");
  const register = join(dir, "log-loads.mjs");
  await writeFile(
    hooks,
    [
      'import { appendFileSync } from "node:fs";',
      "export async function load(url, context, nextLoad) {",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the hook's source, written out as text.
      "  appendFileSync(process.env.PROMPTMILL_MODULE_LOG, `${url}\\n`);",
      "  return nextLoad(url, context);",
      "}",
      "",
    ].join("\n"),
  );
  await writeFile(
    register,
    'import { register } from "node:module";\nregister("./log-loads-hooks.mjs", import.meta.url);\n',
  );
  const log = join(dir, `${name}-loads.txt`);
  await writeFile(log, "");
  return {
    env: { NODE_OPTIONS: `--import ${pathToFileURL(register).href}`, PROMPTMILL_MODULE_LOG: log },
    loaded: async () => (await readFile(log, "utf8")).split("\n").filter(Boolean),
  };
}
