import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PORT, resolveServerOptions, ServerOptionsError } from "./resolve-options.js";

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "promptmill-server-options-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const fileKey = { accessKeyId: "file", accessKeySecret: "file-secret", workspaces: ["llm-file"] };
const envKey = { accessKeyId: "env", accessKeySecret: "env-secret", workspaces: ["llm-env"] };

function writeConfig(name: string, config: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof config === "string" ? config : JSON.stringify(config));
  return path;
}

describe("resolveServerOptions", () => {
  it("uses the defaults with nothing given", async () => {
    const options = await resolveServerOptions({}, {}, directory);
    expect(options).toMatchObject({
      host: "127.0.0.1",
      port: DEFAULT_PORT,
      dataFile: join(directory, ".promptmill", "local.sqlite"),
      accessKeys: undefined,
    });
  });

  it("lets flags win over the environment, and the environment over the config file", async () => {
    const config = writeConfig("all.json", {
      accessKeys: [fileKey],
      settings: { uniqueNames: true, faults: { rate: 0.5, seed: 1 } },
    });
    const env = {
      PROMPTMILL_PORT: "9001",
      PROMPTMILL_DATA: "env.sqlite",
      PROMPTMILL_ACCESS_KEYS: JSON.stringify([envKey]),
      PROMPTMILL_FAULTS: '{"rate":0.2}',
    };
    const fromEnv = await resolveServerOptions({ config }, env, directory);
    expect(fromEnv).toMatchObject({
      port: 9001,
      dataFile: join(directory, "env.sqlite"),
      accessKeys: [envKey],
      settings: { uniqueNames: true, faults: { rate: 0.2, seed: 1 } },
    });
    const fromFlags = await resolveServerOptions(
      { config, port: "0", data: "flag.sqlite", faults: '{"rate":0.9,"kinds":["throttle"]}' },
      env,
      directory,
    );
    expect(fromFlags).toMatchObject({
      port: 0,
      dataFile: join(directory, "flag.sqlite"),
      settings: { faults: { rate: 0.9, kinds: ["throttle"], seed: 1 } },
    });
    const fileOnly = await resolveServerOptions({ config }, {}, directory);
    expect(fileOnly.accessKeys).toEqual([fileKey]);
  });

  it("explains mistakes without repeating secrets", async () => {
    const cases: [Parameters<typeof resolveServerOptions>[0], NodeJS.ProcessEnv, string][] = [
      [{ port: "http" }, {}, "port"],
      [{ port: "70000" }, {}, "port"],
      [{ faults: '{"rate":3}' }, {}, "--faults: rate"],
      [{ faults: '{"kinds":["meteor"]}' }, {}, "--faults: kinds.0"],
      [
        {},
        { PROMPTMILL_ACCESS_KEYS: '[{"accessKeyId":"x","accessKeySecret":"hush-hush"}]' },
        "workspaces",
      ],
      [{}, { PROMPTMILL_ACCESS_KEYS: '{"hush-hush' }, "PROMPTMILL_ACCESS_KEYS is not valid JSON"],
      [
        { config: writeConfig("broken.json", '{"accessKeys": [hush-hush') },
        {},
        "is not valid JSON",
      ],
      [{ config: writeConfig("extra.json", { keys: [] }) }, {}, "unknown field(s) keys"],
      [
        { config: writeConfig("bad-setting.json", { settings: { nameMaxLength: "long" } }) },
        {},
        "nameMaxLength",
      ],
      [{ config: join(directory, "missing.json") }, {}, "cannot read --config"],
    ];
    for (const [flags, env, expected] of cases) {
      const error = await resolveServerOptions(flags, env, directory).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(ServerOptionsError);
      expect((error as Error).message).toContain(expected);
      expect((error as Error).message).not.toContain("hush-hush");
    }
  });
});
