// Written by scripts/build.ts in place of undici, which the action never uses (see that script).
exports.ProxyAgent = class ProxyAgent {
  constructor() {
    throw new Error('tenant-pilot is built without undici: @actions/http-client getAgentDispatcher is not supported; requests use HttpClient')
  }
}
