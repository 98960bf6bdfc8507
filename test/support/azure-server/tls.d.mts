export function makeTestCertificate(): { dir: string; certPath: string; cert: string; key: string };
