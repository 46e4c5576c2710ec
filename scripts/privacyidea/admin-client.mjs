// A tiny administrator's client for privacyIDEA's REST API, for Keyslot's live tests (Node or
// Playwright). It does what an administrator does in privacyIDEA's web UI: users, policies,
// smartphone containers with tokens, registration QR codes, rollover, and the check a VPN makes
// (/validate/check). Every answer is privacyIDEA's JSON; a failed call throws with its message.

/** A failed privacyIDEA call: the HTTP status and privacyIDEA's own error text. */
export class PiError extends Error {
  constructor(method, path, status, message, code) {
    super(`privacyIDEA ${method} ${path} -> ${status}: ${message}`);
    this.status = status;
    this.code = code;
  }
}

export class PiAdmin {
  /** @param {string} baseUrl e.g. http://127.0.0.1:5931  @param {string} token JWT from /auth */
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.token = token;
  }

  /** Logs in as an administrator (POST /auth). */
  static async login(baseUrl, username, password) {
    const anon = new PiAdmin(baseUrl, null);
    const value = await anon.call('POST', '/auth', { username, password });
    return new PiAdmin(baseUrl, value.token);
  }

  /** One JSON call; returns result.value (or the whole body with `full`). */
  async call(method, path, body, { full = false } = {}) {
    const headers = { Accept: 'application/json' };
    if (this.token) headers.Authorization = this.token;
    let url = this.baseUrl + path;
    const init = { method, headers };
    if (body && method === 'GET') {
      url += '?' + new URLSearchParams(body).toString();
    } else if (body) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(url, init);
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PiError(method, path, res.status, `not JSON: ${text.slice(0, 200)}`);
    }
    if (full) return json;
    if (!res.ok || json?.result?.status !== true) {
      const err = json?.result?.error ?? {};
      throw new PiError(method, path, res.status, err.message ?? text.slice(0, 300), err.code);
    }
    return json.result.value;
  }

  // ---- users and policies -------------------------------------------------------------

  /** Creates a user in an editable resolver (POST /user/). */
  createUser(resolver, { username, password, givenname = username, surname = 'Test', email }) {
    return this.call('POST', '/user/', {
      user: username,
      resolver,
      password,
      givenname,
      surname,
      email: email ?? `${username}@example.org`,
    });
  }

  /**
   * Sets (creates or replaces) a policy. `action` is privacyIDEA's action string or an object
   * {name: value|true}, turned into "name=value, flag".
   */
  setPolicy(name, { scope, action, realm, priority = 1, active = true }) {
    const actionText =
      typeof action === 'string'
        ? action
        : Object.entries(action)
            .map(([k, v]) => (v === true ? k : `${k}=${v}`))
            .join(', ');
    const body = { scope, action: actionText, active, priority };
    if (realm) body.realm = realm;
    return this.call('POST', `/policy/${encodeURIComponent(name)}`, body);
  }

  deletePolicy(name) {
    return this.call('DELETE', `/policy/${encodeURIComponent(name)}`);
  }

  /** The definitions of all actions of one policy scope (GET /policy/defs/<scope>). */
  policyDefs(scope) {
    return this.call('GET', `/policy/defs/${scope}`);
  }

  // ---- tokens and containers ----------------------------------------------------------

  /**
   * Creates a smartphone container for a user with the given tokens inside.
   * @param {{user: string, realm: string, tokens?: Array<'totp'|'hotp'|object>, description?: string}} o
   * @returns {Promise<{containerSerial: string, tokens: Array<{serial: string, type: string, otpkey: string, uri: string}>}>}
   */
  async createSmartphoneContainer({ user, realm, tokens = ['totp', 'hotp'], description = 'Keyslot test' }) {
    const { container_serial: containerSerial } = await this.call('POST', '/container/init', {
      type: 'smartphone',
      user,
      realm,
      description,
    });
    const made = [];
    for (const t of tokens) {
      const spec = typeof t === 'string' ? { type: t } : t;
      made.push(await this.initToken({ user, realm, containerSerial, ...spec }));
    }
    return { containerSerial, tokens: made };
  }

  /**
   * Enrolls one token (POST /token/init, server-generated key), optionally straight into a
   * container. Returns its serial, type, hex key and otpauth URI.
   */
  async initToken({ type, user, realm, containerSerial, description, ...rest }) {
    const body = { type, genkey: 1, user, realm, description: description ?? `${type} for ${user}`, ...rest };
    if (containerSerial) body.container_serial = containerSerial;
    const full = await this.call('POST', '/token/init', body, { full: true });
    if (full?.result?.status !== true) {
      throw new PiError('POST', '/token/init', 0, full?.result?.error?.message ?? 'failed');
    }
    const d = full.detail ?? {};
    return { serial: d.serial, type, otpkey: d.otpkey?.value, uri: d.googleurl?.value, detail: d };
  }

  /**
   * First step of a 2step enrollment (privacyIDEA doc/workflows_and_tools/2step): the server
   * makes its part; the otpauth URI carries 2step_salt/2step_output/2step_difficulty.
   */
  async init2step({ type = 'hotp', user, realm, ...rest }) {
    const t = await this.initToken({ type, user, realm, '2stepinit': 1, ...rest });
    return { serial: t.serial, uri: t.uri, detail: t.detail };
  }

  /** Second step: the client's part, in base32check form, as the user types it on the page. */
  finish2step({ serial, type = 'hotp', clientPart }) {
    return this.call('POST', '/token/init', { serial, type, otpkey: clientPart, otpkeyformat: 'base32check' });
  }

  /** Registration QR (POST /container/register/initialize); the `pia://` URI and its fields. */
  async registrationQr(containerSerial, { passphrasePrompt, passphraseResponse, passphraseUser, rollover } = {}) {
    const body = { container_serial: containerSerial };
    if (passphrasePrompt) body.passphrase_prompt = passphrasePrompt;
    if (passphraseResponse) body.passphrase_response = passphraseResponse;
    if (passphraseUser) body.passphrase_user = true;
    if (rollover) body.rollover = 1;
    const value = await this.call('POST', '/container/register/initialize', body);
    return { uri: value.container_url.value, ...value };
  }

  /** Rollover QR: a new registration of an already registered container (a "reissue"). */
  rolloverQr(containerSerial, options = {}) {
    return this.registrationQr(containerSerial, { ...options, rollover: true });
  }

  /** The server-side unregister of a container (POST /container/register/<serial>/terminate). */
  terminateRegistration(containerSerial) {
    return this.call('POST', `/container/register/${encodeURIComponent(containerSerial)}/terminate`);
  }

  /** One container as privacyIDEA lists it (states, info incl. registration_state, tokens). */
  async container(containerSerial) {
    const value = await this.call('GET', '/container/', { container_serial: containerSerial });
    const found = value.containers?.[0];
    if (!found) throw new PiError('GET', '/container/', 404, `no container ${containerSerial}`);
    return found;
  }

  /** The container's registration state ("client_wait", "registered", "rollover", ... or null). */
  async registrationState(containerSerial) {
    const c = await this.container(containerSerial);
    return c.info?.registration_state ?? null;
  }

  /** One token as privacyIDEA lists it (GET /token/?serial=). */
  async tokenInfo(serial) {
    const value = await this.call('GET', '/token/', { serial });
    return value.tokens?.[0] ?? null;
  }

  deleteContainer(containerSerial) {
    return this.call('DELETE', `/container/${encodeURIComponent(containerSerial)}`);
  }

  deleteToken(serial) {
    return this.call('DELETE', `/token/${encodeURIComponent(serial)}`);
  }

  // ---- what a VPN does ----------------------------------------------------------------

  /**
   * POST /validate/check as a RADIUS plugin would (anonymous): by serial or by user+realm.
   * Returns {ok, message, detail}. The token PIN is empty, so pass is the code alone.
   */
  async validate({ serial, user, realm, pass }) {
    const body = { pass };
    if (serial) body.serial = serial;
    if (user) body.user = user;
    if (realm) body.realm = realm;
    const anon = new PiAdmin(this.baseUrl, null);
    const json = await anon.call('POST', '/validate/check', body, { full: true });
    return {
      ok: json?.result?.status === true && json?.result?.value === true,
      message: json?.detail?.message ?? json?.result?.error?.message ?? '',
      detail: json?.detail ?? {},
    };
  }
}
