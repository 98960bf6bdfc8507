#!/usr/bin/env node
// Silence the AWS SDK's Node.js 20 notice: it is not actionable for keywarden's users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
