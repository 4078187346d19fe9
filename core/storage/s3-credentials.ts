// S3 credentials from a mounted secret file (Kubernetes Secret, Vault agent…): JSON with
// accessKeyId / secretAccessKey / sessionToken. Re-read whenever the SDK refreshes, so rotation
// needs no restart. Values are never logged; errors name the file, not its content.
import { readFile } from 'node:fs/promises';

export interface FileCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration: Date;
}

const REFRESH_MS = 5 * 60 * 1000;

export function credentialsFromFile(file: string): () => Promise<FileCredentials> {
  return async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(
        `S3 credentials file ${file} is unreadable or not JSON (${(error as Error).name})`,
      );
    }
    const c = parsed as Record<string, unknown>;
    if (typeof c.accessKeyId !== 'string' || typeof c.secretAccessKey !== 'string')
      throw new Error(`S3 credentials file ${file} lacks accessKeyId or secretAccessKey`);
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: typeof c.sessionToken === 'string' ? c.sessionToken : undefined,
      expiration: new Date(Date.now() + REFRESH_MS),
    };
  };
}
