// Evidence bundles: signed (Ed25519) manifests of a scan's reports, inventory snapshot and inputs.
export { EVIDENCE_KEY_ENV, KEYGEN_HINT, parsePublicKey, parseSigningKey, publicKeyFingerprint, resolveSigningKey, type KeySource, type SigningKey } from './keys.js';
export { BUNDLE_META_FILES, isSafeBundlePath, MANIFEST_FILE, manifestProblems, PUBLIC_KEY_FILE, serializeManifest, SIGNATURE_FILE, type BundleFile, type EvidenceManifest } from './manifest.js';
export { buildBundle, checkEvidenceDir, INVENTORY_FILE, REPORTS_DIR, writeBundle, writeEvidence, type Bundle, type BundleParts } from './write.js';
export { readBundleDir, renderVerifyResult, verifyBundle, verifyListing, type BundleListing, type BundleProblem, type VerifyOptions, type VerifyResult } from './verify.js';
