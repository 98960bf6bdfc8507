export { StateStore, DEFAULT_STATE_FILE, type Assessment, type FixedFinding, type Lifecycle, type ScanRecord } from './store.js';
export { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations.js';
