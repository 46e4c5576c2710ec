// Types for admin-client.mjs, for the TypeScript tests that use it.
export class PiError extends Error {
  status: number;
  code: number | undefined;
}

export interface PiToken {
  serial: string;
  type: string;
  otpkey: string | undefined;
  uri: string | undefined;
  detail: Record<string, unknown>;
}

export interface RegistrationQr {
  uri: string;
  nonce: string;
  time_stamp: string;
  server_url: string;
  ttl: number;
  [key: string]: unknown;
}

export interface RegistrationOptions {
  passphrasePrompt?: string;
  passphraseResponse?: string;
  passphraseUser?: boolean;
  rollover?: boolean;
}

export class PiAdmin {
  constructor(baseUrl: string, token: string | null);
  readonly baseUrl: string;
  static login(baseUrl: string, username: string, password: string): Promise<PiAdmin>;
  call(method: string, path: string, body?: Record<string, unknown>, options?: { full?: boolean }): Promise<any>;
  createUser(
    resolver: string,
    user: { username: string; password: string; givenname?: string; surname?: string; email?: string },
  ): Promise<unknown>;
  setPolicy(
    name: string,
    policy: {
      scope: string;
      action: string | Record<string, string | number | boolean>;
      realm?: string;
      priority?: number;
      active?: boolean;
    },
  ): Promise<unknown>;
  deletePolicy(name: string): Promise<unknown>;
  policyDefs(scope: string): Promise<Record<string, { type: string }>>;
  createSmartphoneContainer(o: {
    user: string;
    realm: string;
    tokens?: Array<'totp' | 'hotp' | Record<string, unknown>>;
    description?: string;
  }): Promise<{ containerSerial: string; tokens: PiToken[] }>;
  initToken(o: {
    type: string;
    user?: string;
    realm?: string;
    containerSerial?: string;
    description?: string;
    [k: string]: unknown;
  }): Promise<PiToken>;
  init2step(o: {
    type?: 'hotp' | 'totp';
    user: string;
    realm: string;
    [k: string]: unknown;
  }): Promise<{ serial: string; uri: string; detail: Record<string, unknown> }>;
  finish2step(o: { serial: string; type?: 'hotp' | 'totp'; clientPart: string }): Promise<unknown>;
  registrationQr(containerSerial: string, options?: RegistrationOptions): Promise<RegistrationQr>;
  rolloverQr(containerSerial: string, options?: RegistrationOptions): Promise<RegistrationQr>;
  terminateRegistration(containerSerial: string): Promise<unknown>;
  container(containerSerial: string): Promise<any>;
  registrationState(containerSerial: string): Promise<string | null>;
  tokenInfo(serial: string): Promise<any>;
  deleteContainer(containerSerial: string): Promise<unknown>;
  deleteToken(serial: string): Promise<unknown>;
  validate(o: {
    serial?: string;
    user?: string;
    realm?: string;
    pass: string;
  }): Promise<{ ok: boolean; message: string; detail: Record<string, unknown> }>;
}
