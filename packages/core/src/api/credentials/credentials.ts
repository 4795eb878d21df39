import { inspect } from "node:util";

/** Where a set of credentials came from, so messages can say which one was used. */
export type CredentialSource =
  | "explicit"
  | "provider"
  | "environment"
  | "aliyun-cli-config"
  | "credentials-file";

/** Credentials as a caller passes them in. */
export interface CredentialsInput {
  accessKeyId: string;
  accessKeySecret: string;
  /** Present for STS (temporary) credentials. */
  securityToken?: string | undefined;
}

export interface CredentialsInit extends CredentialsInput {
  source: CredentialSource;
  profile?: string | undefined;
}

const MASK = "****";

/**
 * Resolved credentials. The secret and the security token live in private fields, so
 * `toString()`, `JSON.stringify`, `util.inspect`, spreading and logging show the AccessKey ID
 * and `****`, never them; only the explicit getters hand them out (to the signer).
 */
export class Credentials {
  readonly accessKeyId: string;
  readonly source: CredentialSource;
  /** The aliyun CLI profile or credentials-file section the credentials were read from. */
  readonly profile: string | undefined;
  readonly #accessKeySecret: string;
  readonly #securityToken: string | undefined;

  constructor(init: CredentialsInit) {
    this.accessKeyId = init.accessKeyId;
    this.source = init.source;
    this.profile = init.profile;
    this.#accessKeySecret = init.accessKeySecret;
    this.#securityToken = init.securityToken || undefined;
  }

  get accessKeySecret(): string {
    return this.#accessKeySecret;
  }

  get securityToken(): string | undefined {
    return this.#securityToken;
  }

  toJSON(): Record<string, string> {
    const json: Record<string, string> = {
      accessKeyId: this.accessKeyId,
      accessKeySecret: MASK,
      source: this.source,
    };
    if (this.#securityToken !== undefined) json.securityToken = MASK;
    if (this.profile !== undefined) json.profile = this.profile;
    return json;
  }

  toString(): string {
    const profile = this.profile === undefined ? "" : `, profile=${this.profile}`;
    return `Credentials(accessKeyId=${this.accessKeyId}, accessKeySecret=${MASK}${
      this.#securityToken === undefined ? "" : `, securityToken=${MASK}`
    }, source=${this.source}${profile})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
