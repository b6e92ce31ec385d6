/** Kept equal to package.json's version by a unit test; sent in the User-Agent. */
export const ACTION_VERSION = '0.1.0'
export const USER_AGENT = `tenant-pilot/${ACTION_VERSION} (+https://github.com/tenant-pilot/tenant-pilot)`
