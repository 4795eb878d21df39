import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveServeOptions, ServeOptionsError } from "./resolve-serve-options.js";
import { DEFAULT_PORT } from "./serve-flags.js";

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), "promptmill-serve-options-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const fileKey = { accessKeyId: "file", accessKeySecret: "file-secret", workspaces: ["llm-file"] };
const envKey = { accessKeyId: "env", accessKeySecret: "env-secret", workspaces: ["llm-env"] };
const flagKey = { accessKeyId: "flag", accessKeySecret: "flag-secret", workspaces: ["llm-flag"] };

function writeConfig(name: string, config: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, typeof config === "string" ? config : JSON.stringify(config));
  return path;
}

describe("resolveServeOptions", () => {
  it("uses the defaults with nothing given", async () => {
    const options = await resolveServeOptions({}, {}, directory);
    expect(options).toMatchObject({
      service: {
        host: "127.0.0.1",
        port: DEFAULT_PORT,
        dataFile: join(directory, ".promptmill", "local.sqlite"),
        accessKeys: undefined,
      },
      workers: 1,
      logFormat: "text",
      quiet: false,
      json: false,
    });
    expect(options.service.database).toBeUndefined();
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
      PROMPTMILL_WORKERS: "3",
    };
    const fromEnv = await resolveServeOptions({ config }, env, directory);
    expect(fromEnv).toMatchObject({
      service: {
        port: 9001,
        dataFile: join(directory, "env.sqlite"),
        accessKeys: [envKey],
        settings: { uniqueNames: true, faults: { rate: 0.2, seed: 1 } },
      },
      workers: 3,
    });
    const keysFile = writeConfig("keys.json", [flagKey]);
    const fromFlags = await resolveServeOptions(
      {
        config,
        port: "0",
        data: "flag.sqlite",
        faults: '{"rate":0.9,"kinds":["throttle"]}',
        keys: keysFile,
        workers: "2",
        logFormat: "json",
        quiet: true,
        json: true,
      },
      env,
      directory,
    );
    expect(fromFlags).toMatchObject({
      service: {
        port: 0,
        dataFile: join(directory, "flag.sqlite"),
        accessKeys: [flagKey],
        settings: { faults: { rate: 0.9, kinds: ["throttle"], seed: 1 } },
      },
      workers: 2,
      logFormat: "json",
      quiet: true,
      json: true,
    });
    const inline = await resolveServeOptions({ keys: JSON.stringify([flagKey]) }, env, directory);
    expect(inline.service.accessKeys).toEqual([flagKey]);
    const fileOnly = await resolveServeOptions({ config }, {}, directory);
    expect(fileOnly.service.accessKeys).toEqual([fileKey]);
  });

  it("takes PostgreSQL from --database or PROMPTMILL_DATABASE_URL instead of a data file", async () => {
    const url = "postgres://app:pa55@127.0.0.1:5432/prompts";
    const fromFlag = await resolveServeOptions({ database: url }, {}, directory);
    expect(fromFlag.service).toMatchObject({ database: url });
    expect(fromFlag.service.dataFile).toBeUndefined();
    const fromEnv = await resolveServeOptions(
      {},
      { PROMPTMILL_DATABASE_URL: url, PROMPTMILL_DATA: "ignored.sqlite" },
      directory,
    );
    expect(fromEnv.service).toMatchObject({ database: url });
  });

  it("explains mistakes without repeating secrets", async () => {
    const cases: [Parameters<typeof resolveServeOptions>[0], Record<string, string>, string][] = [
      [{ port: "http" }, {}, "port"],
      [{ port: "70000" }, {}, "port"],
      [{ workers: "0" }, {}, "--workers must be a whole number from 1"],
      [{ logFormat: "xml" }, {}, "--log-format must be text or json"],
      [{ faults: '{"rate":3}' }, {}, "--faults: rate"],
      [{ faults: '{"kinds":["meteor"]}' }, {}, "--faults: kinds.0"],
      [
        {},
        { PROMPTMILL_ACCESS_KEYS: '[{"accessKeyId":"x","accessKeySecret":"hush-hush"}]' },
        "workspaces",
      ],
      [{}, { PROMPTMILL_ACCESS_KEYS: '{"hush-hush' }, "PROMPTMILL_ACCESS_KEYS is not valid JSON"],
      [{ keys: '[{"accessKeySecret":"hush-hush"' }, {}, "--keys is not valid JSON"],
      [{ keys: "[]" }, {}, "--keys: expected a non-empty array"],
      [{ keys: join(directory, "none.json") }, {}, "is neither a JSON array nor a readable file"],
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
      [{ database: "mysql://u:hush-hush@h/db" }, {}, "must be a PostgreSQL URL"],
      [
        { database: "postgres://u:hush-hush@h/db", data: "x.sqlite" },
        {},
        "two places for the data",
      ],
    ];
    for (const [flags, env, expected] of cases) {
      const error = await resolveServeOptions(flags, env, directory).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, expected).toBeInstanceOf(ServeOptionsError);
      expect((error as Error).message).toContain(expected);
      expect((error as Error).message).not.toContain("hush-hush");
    }
  });
});
