import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type StsStandIn, startStsStandIn } from "@promptmill/test-support/sts-stand-in";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpTestServer, sendJson } from "../__test__/http-test-server.js";
import { ModelStudioClient } from "../client.js";
import { computeSignature, parseAuthorization, signaturesEqual } from "../signing/sign-request.js";
import { CredentialsError } from "./credentials-error.js";
import { resolveCredentialSupplier, resolveCredentials } from "./resolve-credentials.js";
import { stsEndpointForRegion } from "./sts.js";

const RAM_USER = { id: "LTAIramuser0001", secret: "ram-user-secret-5e6f7a" };
const ROLE_ARN = "acs:ram::1234567890123456:role/prompt-renderer";
const OIDC_PROVIDER_ARN = "acs:ram::1234567890123456:oidc-provider/ack-rrsa-c0ffee";
const OIDC_TOKENS = ["eyJhbGciOiJSUzI1NiJ9.first-token.sig", "eyJhbGciOiJSUzI1NiJ9.rotated.sig"];

let home: string;
let sts: StsStandIn;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "promptmill-roles-"));
  sts = await startStsStandIn({
    ramUsers: { [RAM_USER.id]: RAM_USER.secret },
    oidcTokens: OIDC_TOKENS,
    signing: { computeSignature, parseAuthorization, signaturesEqual },
  });
});

afterEach(async () => {
  await sts.close();
  await rm(home, { recursive: true, force: true });
});

async function writeAliyunConfig(profiles: unknown[]): Promise<void> {
  await mkdir(join(home, ".aliyun"), { recursive: true });
  await writeFile(
    join(home, ".aliyun", "config.json"),
    JSON.stringify({ current: "role", profiles }),
  );
}

const ramRoleProfile = {
  name: "role",
  mode: "RamRoleArn",
  access_key_id: RAM_USER.id,
  access_key_secret: RAM_USER.secret,
  ram_role_arn: ROLE_ARN,
  ram_session_name: "nightly-render",
  expired_seconds: 900,
  region_id: "ap-southeast-1",
};

/** Every secret a test handled: none may appear in a message, a log or JSON. */
function expectNoSecret(text: string): void {
  for (const secret of [RAM_USER.secret, ...OIDC_TOKENS, "sts-secret-", "sts-token-"]) {
    expect(text).not.toContain(secret);
  }
}

describe("a RamRoleArn profile of the aliyun CLI", () => {
  it("assumes the role with the profile's AccessKey and signs requests with the role's credentials", async () => {
    await writeAliyunConfig([ramRoleProfile]);
    const service = await createHttpTestServer();
    service.handle((_request, response) =>
      sendJson(response, 200, { requestId: "R", promptTemplateId: "0".repeat(32) }),
    );
    // The client's chain finds the aliyun CLI config through os.homedir(), which reads HOME.
    const realHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const client = new ModelStudioClient({
        endpoint: service.url,
        stsEndpoint: sts.url,
        profile: "role",
      });
      await client.createPromptTemplate({ workspaceId: "llm-x", name: "n", content: "c" });
    } finally {
      process.env.HOME = realHome;
      await service.close();
    }
    expect(sts.calls).toHaveLength(1);
    expect(sts.calls[0]).toMatchObject({
      action: "AssumeRole",
      signedBy: RAM_USER.id,
      query: { RoleArn: ROLE_ARN, RoleSessionName: "nightly-render", DurationSeconds: "900" },
    });
    const sent = service.requests[0]?.headers;
    expect(sent?.authorization).toContain("Credential=STS.issued-1,");
    expect(sent?.["x-acs-security-token"]).toBe("sts-token-1-9a8b7c6d");
  });

  it("describes where the credentials came from, without a secret", async () => {
    await writeAliyunConfig([ramRoleProfile]);
    const credentials = await resolveCredentials({ homeDir: home, env: {}, stsEndpoint: sts.url });
    expect(credentials.describeSource()).toMatch(
      /^aliyun CLI profile "role" \(AccessKey STS\.issued-1, role acs:ram::1234567890123456:role\/prompt-renderer through STS AssumeRole, until \d{4}-/,
    );
    expectNoSecret(`${credentials.describeSource()} ${JSON.stringify(credentials)} ${credentials}`);
  });

  it("refreshes before the credentials expire, one STS call however many requests ask", async () => {
    await writeAliyunConfig([ramRoleProfile]);
    let clock = Date.parse("2026-12-01T10:00:00Z");
    sts.now = () => clock;
    sts.lifetimeSeconds = 900;
    const supply = await resolveCredentialSupplier({
      homeDir: home,
      env: {},
      stsEndpoint: sts.url,
      refresh: { refreshBeforeMs: 180_000, now: () => clock },
    });

    const first = await Promise.all([supply(), supply(), supply()]);
    expect(new Set(first.map((credentials) => credentials.accessKeyId))).toEqual(
      new Set(["STS.issued-1"]),
    );
    clock += 11 * 60_000; // 4 minutes before expiry: still outside the refresh window
    expect((await supply()).accessKeyId).toBe("STS.issued-1");
    clock += 60_000; // 3 minutes before expiry: refresh
    const refreshed = await Promise.all([supply(), supply()]);
    expect(refreshed.map((credentials) => credentials.accessKeyId)).toContain("STS.issued-2");
    expect((await supply()).accessKeyId).toBe("STS.issued-2");
    expect(sts.calls).toHaveLength(2);
  });

  it("keeps valid credentials when a refresh fails, and fails clearly once they expired", async () => {
    await writeAliyunConfig([ramRoleProfile]);
    let clock = Date.parse("2026-12-01T10:00:00Z");
    sts.now = () => clock;
    sts.lifetimeSeconds = 900;
    const supply = await resolveCredentialSupplier({
      homeDir: home,
      env: {},
      stsEndpoint: sts.url,
      refresh: { refreshBeforeMs: 180_000, now: () => clock },
    });
    expect((await supply()).accessKeyId).toBe("STS.issued-1");

    sts.refuseWith = "NoPermission";
    clock += 13 * 60_000; // inside the refresh window, not yet expired
    expect((await supply()).accessKeyId).toBe("STS.issued-1");
    clock += 3 * 60_000; // expired
    const error = await supply().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toContain("NoPermission");
    expect((error as Error).message).toContain(ROLE_ARN);
    expectNoSecret((error as Error).message);

    sts.refuseWith = undefined;
    expect((await supply()).accessKeyId).toBe("STS.issued-2");
  });

  it("says what is missing in an incomplete profile, and refuses modes it does not support", async () => {
    await writeAliyunConfig([
      { ...ramRoleProfile, ram_role_arn: "" },
      { name: "ecs", mode: "EcsRamRole", ram_role_name: "r" },
    ]);
    const incomplete = await resolveCredentials({ homeDir: home, env: {}, profile: "role" }).catch(
      (thrown: Error) => thrown,
    );
    expect((incomplete as Error).message).toContain("mode RamRoleArn but ram_role_arn is empty");
    const ecs = await resolveCredentials({ homeDir: home, env: {}, profile: "ecs" }).catch(
      (thrown: Error) => thrown,
    );
    // The ECS metadata service is never asked.
    expect((ecs as Error).message).toContain("mode EcsRamRole is not supported");
    expect(sts.calls).toHaveLength(0);
  });
});

describe("an OIDC role from the environment (RRSA)", () => {
  async function rrsaEnvironment(token: string): Promise<Record<string, string>> {
    const tokenFile = join(home, "token");
    await writeFile(tokenFile, `${token}\n`);
    return {
      ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN,
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER_ARN,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
      ALIBABA_CLOUD_STS_ENDPOINT: sts.url,
    };
  }

  it("exchanges the token file's token, sent in the body and never in the URL", async () => {
    const env = await rrsaEnvironment(OIDC_TOKENS[0] as string);
    const credentials = await resolveCredentials({ homeDir: home, env });
    expect(credentials.accessKeyId).toBe("STS.issued-1");
    expect(credentials.source).toBe("environment");
    expect(credentials.role).toEqual({ arn: ROLE_ARN, via: "AssumeRoleWithOIDC" });
    const call = sts.calls[0];
    expect(call).toMatchObject({
      action: "AssumeRoleWithOIDC",
      signedBy: undefined,
      query: {
        RoleArn: ROLE_ARN,
        OIDCProviderArn: OIDC_PROVIDER_ARN,
        RoleSessionName: "promptmill",
      },
      form: { OIDCToken: OIDC_TOKENS[0] },
    });
    expectNoSecret(call?.rawUrl ?? "");
  });

  it("reads the token file again at each refresh (Kubernetes rotates it)", async () => {
    const env = await rrsaEnvironment(OIDC_TOKENS[0] as string);
    let clock = Date.parse("2026-12-01T10:00:00Z");
    sts.now = () => clock;
    const supply = await resolveCredentialSupplier({
      homeDir: home,
      env,
      refresh: { now: () => clock },
    });
    await supply();
    await writeFile(env.ALIBABA_CLOUD_OIDC_TOKEN_FILE as string, OIDC_TOKENS[1] as string);
    clock += 59 * 60_000;
    expect((await supply()).accessKeyId).toBe("STS.issued-2");
    expect(sts.calls.map((call) => call.form.OIDCToken)).toEqual(OIDC_TOKENS);
  });

  it("names the variables that are missing when only some are set", async () => {
    const error = await resolveCredentials({
      homeDir: home,
      env: { ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN },
    }).catch((thrown: Error) => thrown);
    expect((error as Error).message).toContain(
      "environment (OIDC): ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not set while the others are",
    );
  });

  it("says which token file cannot be read, without its content", async () => {
    const env = await rrsaEnvironment(OIDC_TOKENS[0] as string);
    env.ALIBABA_CLOUD_OIDC_TOKEN_FILE = join(home, "no-such-token");
    const error = await resolveCredentials({ homeDir: home, env }).catch((thrown: Error) => thrown);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toContain(
      `${join(home, "no-such-token")} cannot be read (ENOENT)`,
    );
    expect(sts.calls).toHaveLength(0);
  });
});

describe("roles in the credentials file", () => {
  async function writeCredentialsFile(text: string): Promise<void> {
    await mkdir(join(home, ".alibabacloud"), { recursive: true });
    await writeFile(join(home, ".alibabacloud", "credentials"), text);
  }

  it("assumes a ram_role_arn section's role", async () => {
    await writeCredentialsFile(
      [
        "[default]",
        "type = ram_role_arn",
        `access_key_id = ${RAM_USER.id}`,
        `access_key_secret = ${RAM_USER.secret}`,
        `role_arn = ${ROLE_ARN}`,
        "role_session_name = file-session",
      ].join("\n"),
    );
    const credentials = await resolveCredentials({ homeDir: home, env: {}, stsEndpoint: sts.url });
    expect(credentials).toMatchObject({ accessKeyId: "STS.issued-1", source: "credentials-file" });
    expect(sts.calls[0]?.query.RoleSessionName).toBe("file-session");
  });

  it("assumes an oidc_role_arn section's role", async () => {
    await writeFile(join(home, "token"), OIDC_TOKENS[0] as string);
    await writeCredentialsFile(
      [
        "[default]",
        "type = oidc_role_arn",
        `role_arn = ${ROLE_ARN}`,
        `oidc_provider_arn = ${OIDC_PROVIDER_ARN}`,
        `oidc_token_file_path = ${join(home, "token")}`,
      ].join("\n"),
    );
    const credentials = await resolveCredentials({ homeDir: home, env: {}, stsEndpoint: sts.url });
    expect(credentials.role?.via).toBe("AssumeRoleWithOIDC");
  });
});

describe("the STS endpoint", () => {
  it("is regional for a profile's sts_region", () => {
    expect(stsEndpointForRegion("cn-hangzhou")).toBe("https://sts.cn-hangzhou.aliyuncs.com");
  });
});
