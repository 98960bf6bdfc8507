// Inventory snapshots: what `keywarden collect` writes and `keywarden scan --inventory` reads.
export { readInventory, parseInventory, validateInventory, InventoryInvalidError } from './read.js';
export { writeInventory, serializeInventory, canonicalInventory } from './write.js';
export { mergeInventories } from './merge.js';
export { inventorySchema, INVENTORY_SCHEMA_URL, type InventoryIssue } from './schema.js';
