/**
 * What Keyslot signs and sends to privacyIDEA's anonymous container endpoints. Every layout
 * here is the one privacyIDEA's server code rebuilds and verifies (3.11-3.14):
 *
 * - The scope of a request is its endpoint URL, built from the server URL the registration QR
 *   gave as lib/container.py create_endpoint_url does: `<url>` + ('/' unless it ends with one)
 *   + `container/…`, or `<url>` unchanged when it already holds the endpoint's path.
 * - The signed message is '|'-joined UTF-8 (lib/containerclass.py validate_challenge):
 *     nonce | time | container serial | scope [| device brand] [| device model]
 *           [| passphrase answer] [| X25519 public key, base64url] [| client container JSON]
 *   with each optional part present only when it is sent (non-empty). Registration signs
 *   the QR's nonce and time; every later action first asks POST /container/challenge for a
 *   fresh nonce and time_stamp bound to the action's scope. NOTE: privacyIDEA's document
 *   lists the P-384 public key at the end of the registration message; its code does not
 *   sign it (smartphone.py finalize_registration passes no key), and neither does Keyslot.
 * - The signature: ECDSA P-384 with the QR's hash (SHA-256), DER, base64url with padding.
 * - Requests are application/x-www-form-urlencoded (a CORS "simple" request: no preflight).
 */
import { utf8Encode, type Bytes } from '../bytes';
import type { PiaRegistration } from './registration';

export type PiaEndpoint =
  | 'container/register/finalize'
  | 'container/challenge'
  | 'container/synchronize'
  | 'container/rollover'
  | 'container/register/terminate/client';

/** privacyIDEA's create_endpoint_url, quirks included: the scope must match the server's byte for byte. */
export function endpointUrl(serverUrl: string, endpoint: PiaEndpoint): string {
  if (serverUrl.includes(endpoint)) return serverUrl;
  return serverUrl.endsWith('/') ? serverUrl + endpoint : `${serverUrl}/${endpoint}`;
}

/** What privacyIDEA stores as the device ("<brand> <model>"), shown to its administrators. */
export const DEVICE_BRAND = 'Keyslot';
export const DEVICE_MODEL = 'Web app';

export interface SignedParts {
  nonce: string;
  time: string;
  containerSerial: string;
  scope: string;
  deviceBrand?: string;
  deviceModel?: string;
  passphrase?: string;
  encryptionKey?: string;
  containerJson?: string;
}

/** The '|'-joined message (see the top of this file), as UTF-8 bytes to sign. */
export function signedMessage(p: SignedParts): Bytes {
  const parts = [p.nonce, p.time, p.containerSerial, p.scope];
  for (const optional of [p.deviceBrand, p.deviceModel, p.passphrase, p.encryptionKey, p.containerJson]) {
    if (optional) parts.push(optional);
  }
  return utf8Encode(parts.join('|'));
}

export type FormBody = Record<string, string>;

/**
 * Registration (POST /container/register/finalize): the message to sign and, given the
 * signature and the PEM public key, the form to send. The passphrase answer is always signed
 * when the QR asked for one; it is also sent only when the QR says `send_passphrase=True`
 * (privacyIDEA then checks it against the user store).
 */
export function finalizeRequest(reg: PiaRegistration, passphrase: string) {
  const scope = endpointUrl(reg.serverUrl, 'container/register/finalize');
  const answer = reg.passphrasePrompt ? passphrase : '';
  return {
    url: scope,
    message: signedMessage({
      nonce: reg.nonce,
      time: reg.time,
      containerSerial: reg.containerSerial,
      scope,
      deviceBrand: DEVICE_BRAND,
      deviceModel: DEVICE_MODEL,
      passphrase: answer,
    }),
    body: (signature: string, publicKeyPem: string): FormBody => ({
      container_serial: reg.containerSerial,
      signature,
      public_client_key: publicKeyPem,
      device_brand: DEVICE_BRAND,
      device_model: DEVICE_MODEL,
      ...(reg.sendPassphrase && answer ? { passphrase: answer } : {}),
    }),
  };
}

/** POST /container/challenge: a fresh nonce for one action (its scope). */
export function challengeRequest(
  serverUrl: string,
  containerSerial: string,
  action: PiaEndpoint,
): { url: string; scope: string; body: FormBody } {
  const scope = endpointUrl(serverUrl, action);
  return {
    url: endpointUrl(serverUrl, 'container/challenge'),
    scope,
    body: { container_serial: containerSerial, scope },
  };
}

export interface Challenge {
  nonce: string;
  timeStamp: string;
}

/** A token as the client lists it in a sync: its serial and type (privacyIDEA's container_dict_client). */
export interface ClientToken {
  serial: string;
  tokentype: string;
}

/**
 * The client's container as JSON, sent and signed as the same string:
 * {"serial": …, "type": "smartphone", "tokens": [{"serial": …, "tokentype": …}, …]}.
 */
export function clientContainerJson(containerSerial: string, tokens: readonly ClientToken[]): string {
  return JSON.stringify({
    serial: containerSerial,
    type: 'smartphone',
    tokens: tokens.map((t) => ({ serial: t.serial, tokentype: t.tokentype })),
  });
}

/** POST /container/synchronize: signed with the X25519 key the answer is encrypted to. */
export function syncRequest(
  serverUrl: string,
  containerSerial: string,
  challenge: Challenge,
  encryptionKey: string,
  tokens: readonly ClientToken[],
) {
  const scope = endpointUrl(serverUrl, 'container/synchronize');
  const containerJson = clientContainerJson(containerSerial, tokens);
  return {
    url: scope,
    message: signedMessage({
      nonce: challenge.nonce,
      time: challenge.timeStamp,
      containerSerial,
      scope,
      encryptionKey,
      containerJson,
    }),
    body: (signature: string): FormBody => ({
      container_serial: containerSerial,
      signature,
      public_enc_key_client: encryptionKey,
      container_dict_client: containerJson,
    }),
  };
}

/** POST /container/rollover or /container/register/terminate/client: the challenge's four fields. */
export function actionRequest(
  serverUrl: string,
  containerSerial: string,
  challenge: Challenge,
  action: 'container/rollover' | 'container/register/terminate/client',
) {
  const scope = endpointUrl(serverUrl, action);
  return {
    url: scope,
    message: signedMessage({ nonce: challenge.nonce, time: challenge.timeStamp, containerSerial, scope }),
    body: (signature: string): FormBody => ({ container_serial: containerSerial, signature, scope }),
  };
}
