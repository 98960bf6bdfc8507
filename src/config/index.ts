export { loadConfig, parseConfig, defaultConfig, DEFAULT_CONFIG_FILE, type KeywardenConfig } from './load.js';
export { applyWaivers, isWaiverExpired, waiverExpiresAt, type Waiver, type WaiverReport } from './waivers.js';
export { BUILTIN_PROFILES, DEFAULT_PROFILE, resolveProfile, type Thresholds, type CustomProfile, type TagCaps } from './profiles.js';
export { globMatch, globToRegExp } from './glob.js';
