// S3 connection settings (endpoint for MinIO, region, path-style addressing), parsed once from the
// environment by the caller (service config, CLI) into a frozen object. Credentials are not part
// of it: the AWS SDK reads them from its standard chain (AWS_* variables, shared credentials
// files, web identity token files mounted from a secret store).
import { ENV } from '../contract';
import { InvalidArgumentError } from './keys';

export interface S3Options {
  /** Custom endpoint URL (MinIO, other S3-compatible stores). @default AWS's endpoint */
  readonly endpoint?: string;
  /** @default 'us-east-1' */
  readonly region: string;
  /** Path-style URLs (http://host/bucket/key), required by MinIO. @default true with endpoint */
  readonly forcePathStyle: boolean;
  /** SDK retry attempts per request. @default 3 */
  readonly maxAttempts?: number;
  /**
   * A mounted secret file holding JSON { accessKeyId, secretAccessKey, sessionToken? }, re-read
   * when the SDK refreshes credentials (rotation). @default the SDK's standard provider chain
   */
  readonly credentialsFile?: string;
}

/** Builds S3Options from an environment map; errors name the bad variable. */
export function s3OptionsFromEnv(env: Readonly<Record<string, string | undefined>>): S3Options {
  const endpoint = env[ENV.s3Endpoint] || undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint))
    throw new InvalidArgumentError(ENV.s3Endpoint, `${endpoint} is not an http(s) URL`);
  const region = env[ENV.s3Region] || env.AWS_REGION || 'us-east-1';
  const style = env[ENV.s3ForcePathStyle];
  if (style !== undefined && style !== '' && style !== 'true' && style !== 'false')
    throw new InvalidArgumentError(ENV.s3ForcePathStyle, `must be true or false, got ${style}`);
  const forcePathStyle = style === 'true' || ((style ?? '') === '' && endpoint !== undefined);
  const credentialsFile = env[ENV.s3CredentialsFile] || undefined;
  if (credentialsFile !== undefined && !credentialsFile.startsWith('/'))
    throw new InvalidArgumentError(
      ENV.s3CredentialsFile,
      `${credentialsFile} must be an absolute path`,
    );
  return Object.freeze({ endpoint, region, forcePathStyle, credentialsFile });
}

/** The S3 variables above and what they mean (rendered into docs/configuration.md). */
export const S3_ENV_DOCS: readonly { variable: string; default: string; description: string }[] = [
  {
    variable: ENV.s3Endpoint,
    default: "AWS's endpoint",
    description: 'S3-compatible endpoint URL (MinIO); must be http(s)://',
  },
  {
    variable: ENV.s3Region,
    default: 'AWS_REGION, else us-east-1',
    description: 'bucket region',
  },
  {
    variable: ENV.s3ForcePathStyle,
    default: 'true when an endpoint is set',
    description: 'path-style URLs (http://host/bucket/key), true | false; MinIO needs true',
  },
  {
    variable: ENV.s3CredentialsFile,
    default: "the AWS SDK's standard chain",
    description:
      'absolute path of a mounted JSON secret {accessKeyId, secretAccessKey, sessionToken?}, re-read on rotation',
  },
];
