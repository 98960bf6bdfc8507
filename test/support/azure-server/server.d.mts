// Types of server.mjs (plain ESM so that bench/azure can use it without a build).
export interface LoggedAzureRequest {
  /** 'arm' (ARM and Log Analytics), 'token', or 'vault:<name>'. */
  server: string;
  method: string;
  path: string;
  query: string;
  authorized: boolean;
  body: string;
}
export interface AzureTestServer {
  armEndpoint: string;
  logsEndpoint: string;
  identityEndpoint: string;
  identityHeader: string;
  ca: string;
  certPath: string;
  vaultUri(name: string): string | undefined;
  requests: LoggedAzureRequest[];
  tokens: string[];
  throttle(re: RegExp, count: number): void;
  close(): Promise<void>;
}
export const TOKEN_HEADER: string;
export function startAzureServer(estate: unknown, opts?: { latencyMs?: number; pageSize?: number; armPageSize?: number; retryAfterSeconds?: number }): Promise<AzureTestServer>;
