import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredentialsError } from "./credentials-error.js";
import { resolveCredentials } from "./resolve-credentials.js";

const SECRET = "file-secret-9f8e7d";

let home: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "promptmill-credentials-"));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

async function writeAliyunConfig(config: unknown): Promise<void> {
  await mkdir(join(home, ".aliyun"), { recursive: true });
  await writeFile(
    join(home, ".aliyun", "config.json"),
    typeof config === "string" ? config : JSON.stringify(config),
  );
}

async function writeCredentialsFile(
  text: string,
  path = join(home, ".alibabacloud", "credentials"),
) {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, text);
  return path;
}

const cliConfig = {
  current: "dev",
  profiles: [
    { name: "dev", mode: "AK", access_key_id: "cli-dev-id", access_key_secret: SECRET },
    {
      name: "sts",
      mode: "StsToken",
      access_key_id: "cli-sts-id",
      access_key_secret: SECRET,
      sts_token: "cli-token",
    },
    { name: "role", mode: "RamRoleArn", access_key_id: "x", access_key_secret: SECRET },
  ],
};

async function expectCredentialsError(promise: Promise<unknown>): Promise<CredentialsError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CredentialsError);
  return error as CredentialsError;
}

describe("resolveCredentials", () => {
  it("uses explicit credentials before anything else", async () => {
    await writeAliyunConfig(cliConfig);
    const credentials = await resolveCredentials({
      credentials: { accessKeyId: "given", accessKeySecret: "given-secret" },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "env", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret" },
      homeDir: home,
    });
    expect(credentials).toMatchObject({ accessKeyId: "given", source: "explicit" });
    expect(credentials.accessKeySecret).toBe("given-secret");
  });

  it("rejects incomplete explicit credentials instead of looking elsewhere", async () => {
    const error = await expectCredentialsError(
      resolveCredentials({
        credentials: { accessKeyId: "given", accessKeySecret: "" },
        env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "env", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret" },
      }),
    );
    expect(error.message).toContain("no accessKeySecret");
  });

  it("reads the environment, with an STS token, before the files", async () => {
    await writeAliyunConfig(cliConfig);
    const credentials = await resolveCredentials({
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret",
        ALIBABA_CLOUD_SECURITY_TOKEN: "env-token",
      },
      homeDir: home,
    });
    expect(credentials).toMatchObject({ accessKeyId: "env-id", source: "environment" });
    expect(credentials.accessKeySecret).toBe("env-secret");
    expect(credentials.securityToken).toBe("env-token");
  });

  it("passes over a half-set environment and says so if nothing else is found", async () => {
    const error = await expectCredentialsError(
      resolveCredentials({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id" }, homeDir: home }),
    );
    expect(error.message).toContain(
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET is empty while ALIBABA_CLOUD_ACCESS_KEY_ID is set",
    );
  });

  it("reads the aliyun CLI's current profile", async () => {
    await writeAliyunConfig(cliConfig);
    const credentials = await resolveCredentials({ env: {}, homeDir: home });
    expect(credentials).toMatchObject({
      accessKeyId: "cli-dev-id",
      source: "aliyun-cli-config",
      profile: "dev",
    });
    expect(credentials.accessKeySecret).toBe(SECRET);
    expect(credentials.securityToken).toBeUndefined();
  });

  it("reads an StsToken profile named by ALIBABA_CLOUD_PROFILE", async () => {
    await writeAliyunConfig(cliConfig);
    const credentials = await resolveCredentials({
      env: { ALIBABA_CLOUD_PROFILE: "sts" },
      homeDir: home,
    });
    expect(credentials).toMatchObject({ accessKeyId: "cli-sts-id", profile: "sts" });
    expect(credentials.securityToken).toBe("cli-token");
  });

  it("lets an explicit profile win over ALIBABA_CLOUD_PROFILE and over environment keys", async () => {
    await writeAliyunConfig(cliConfig);
    const credentials = await resolveCredentials({
      profile: "sts",
      env: {
        ALIBABA_CLOUD_PROFILE: "dev",
        ALIBABA_CLOUD_ACCESS_KEY_ID: "env-id",
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "env-secret",
      },
      homeDir: home,
    });
    expect(credentials.accessKeyId).toBe("cli-sts-id");
  });

  it("passes over an incomplete role profile, and says why (roles: role-credentials.test.ts)", async () => {
    await writeAliyunConfig(cliConfig);
    const error = await expectCredentialsError(
      resolveCredentials({ profile: "role", env: {}, homeDir: home }),
    );
    expect(error.message).toContain('(profile "role"): mode RamRoleArn but ram_role_arn is empty');
  });

  it("reads the credentials file's default section", async () => {
    await writeCredentialsFile(
      `[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ${SECRET}\n`,
    );
    const credentials = await resolveCredentials({ env: {}, homeDir: home });
    expect(credentials).toMatchObject({
      accessKeyId: "ini-id",
      source: "credentials-file",
      profile: "default",
    });
    expect(credentials.accessKeySecret).toBe(SECRET);
  });

  it("reads the section named by ALIBABA_CLOUD_PROFILE from ALIBABA_CLOUD_CREDENTIALS_FILE", async () => {
    const path = await writeCredentialsFile(
      [
        "[default]",
        "type = access_key",
        "access_key_id = ini-default",
        "access_key_secret = a",
        "[team.prod]",
        "type = access_key",
        "access_key_id = ini-prod",
        "access_key_secret = b",
      ].join("\n"),
      join(home, "elsewhere", "creds.ini"),
    );
    const credentials = await resolveCredentials({
      env: { ALIBABA_CLOUD_CREDENTIALS_FILE: path, ALIBABA_CLOUD_PROFILE: "team.prod" },
      homeDir: home,
    });
    expect(credentials).toMatchObject({ accessKeyId: "ini-prod", profile: "team.prod" });
  });

  it("falls back from a profile the CLI config lacks to the credentials file", async () => {
    await writeAliyunConfig(cliConfig);
    await writeCredentialsFile(
      "[ci]\ntype = access_key\naccess_key_id = ini-ci\naccess_key_secret = c\n",
    );
    const credentials = await resolveCredentials({
      env: { ALIBABA_CLOUD_PROFILE: "ci" },
      homeDir: home,
    });
    expect(credentials).toMatchObject({ accessKeyId: "ini-ci", source: "credentials-file" });
  });

  it("lists every place it looked when nothing is found", async () => {
    const error = await expectCredentialsError(resolveCredentials({ env: {}, homeDir: home }));
    expect(error.searched).toEqual([
      "environment: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set",
      "environment (OIDC): ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set",
      `${join(home, ".aliyun", "config.json")}: no such file`,
      `${join(home, ".alibabacloud", "credentials")}: no such file`,
    ]);
    for (const place of error.searched) expect(error.message).toContain(place);
  });

  it("never quotes a broken file, which holds the secret", async () => {
    await writeAliyunConfig(
      `{"current": "dev", "profiles": [{"access_key_secret": "${SECRET}" oops}]}`,
    );
    await writeCredentialsFile(`[default]\ntype = ecs_ram_role\naccess_key_secret = ${SECRET}\n`);
    const error = await expectCredentialsError(resolveCredentials({ env: {}, homeDir: home }));
    expect(error.searched).toEqual([
      expect.stringContaining("are not set"),
      expect.stringContaining("(OIDC)"),
      `${join(home, ".aliyun", "config.json")}: not valid JSON`,
      `${join(home, ".alibabacloud", "credentials")} [default]: type ecs_ram_role is not supported (only access_key, ram_role_arn, oidc_role_arn)`,
    ]);
    for (const form of [
      error.message,
      String(error),
      inspect(error, { showHidden: true }),
      JSON.stringify(error),
    ]) {
      expect(form).not.toContain(SECRET);
    }
  });

  it("says when the config file has the wrong shape or a profile lacks keys", async () => {
    await writeAliyunConfig({ profiles: "nope" });
    await writeCredentialsFile("[default]\ntype = access_key\naccess_key_id = only-id\n");
    const error = await expectCredentialsError(resolveCredentials({ env: {}, homeDir: home }));
    expect(error.searched.slice(2)).toEqual([
      `${join(home, ".aliyun", "config.json")}: not in the aliyun CLI's config format`,
      `${join(home, ".alibabacloud", "credentials")} [default]: access_key_id or access_key_secret is empty`,
    ]);
  });
});
