// Types for server.mjs, for the TypeScript tests that import it.
export interface PiUser {
  username: string;
  password: string;
  givenname: string;
}
export interface PiServer {
  url: string;
  port: number;
  publicUrl: string;
  admin: { username: string; password: string };
  realm: string;
  resolver: string;
  users: PiUser[];
  dir: string;
  logFile: string;
  timings: { installMs: number; setupMs: number; startMs: number; configureMs: number };
  stop(): Promise<void>;
}
export const ADMIN: { username: string; password: string };
export const REALM: string;
export const RESOLVER: string;
export const USERS: PiUser[];
export function freePort(): Promise<number>;
export function containerPolicy(publicUrl: string): Record<string, string | number | boolean>;
export function startPrivacyIDEA(options?: {
  port?: number;
  publicUrl?: string;
  log?: (line: string) => void;
}): Promise<PiServer>;
