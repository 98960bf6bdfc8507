import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/reporters/html/index.js';
import { render as renderJson } from '../../../src/reporters/json/index.js';
import { canonicalReport } from '../../fixtures/reports/canonical-report.js';

describe('HTML report', () => {
  const html = render(canonicalReport());

  it('is self-contained: no scripts, no external URLs in markup, a restrictive CSP', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"`);
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    expect(scripts).toEqual(['<script type="application/json" id="keywarden-report">']);
    // Every literal '<' starts a real tag (data is escaped), so the tags' attributes are all there is:
    // none of them may load anything (src, href, srcset, action, on* handlers, style url()).
    const attributes = new Set<string>();
    for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      for (const m of tag.matchAll(/\s([a-zA-Z-]+)=("[^"]*"|'[^']*'|[^\s>]+)/g)) attributes.add(m[1]!.toLowerCase());
    }
    expect([...attributes].sort()).toEqual(['charset', 'class', 'content', 'http-equiv', 'id', 'lang', 'name', 'type']);
    expect(html).not.toMatch(/url\(|@import/i);
  });

  it('escapes every value: the hostile finding cannot inject markup', () => {
    const body = html.slice(0, html.indexOf('<script type="application/json"'));
    expect(body).not.toMatch(/<script>|<img/i);
    expect(body).toContain('&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(body).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &#39;everyone&#39;');
    expect(body).toContain('alias/&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // the embedded JSON cannot close its block either
    const data = html.slice(html.indexOf('id="keywarden-report">') + 22, html.lastIndexOf('</script>'));
    expect(data).not.toContain('<');
    expect(JSON.parse(data)).toEqual(JSON.parse(renderJson(canonicalReport())));
  });

  it('shows summary, findings by severity with status, gaps, inputs with sha256 and coverage', () => {
    const order = ['id="run"', 'id="summary"', 'id="findings"', 'id="gaps"', 'id="coverage"', 'id="inputs"'].map((s) => html.indexOf(s));
    expect(order.every((pos, i) => pos > 0 && (i === 0 || pos > order[i - 1]!))).toBe(true);
    const severities = [...html.matchAll(/<tr class="status-(\w+)" id="f-[0-9a-f]+"><td class="sev sev-(\w+)">/g)].map((m) => `${m[2]}/${m[1]}`);
    expect(severities).toEqual(['critical/fail', 'high/fail', 'high/fail', 'medium/fail', 'medium/fail', 'medium/unknown', 'medium/suppressed', 'low/fail']);
    expect(html).toContain('a3f1c2d4e5b6a7980a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071');
    expect(html).toContain('<b>Waived:</b> Multi-Region key rotated by the primary');
    expect(html).toContain('<b>Not evaluated:</b> AccessDenied: keys/getrotationpolicy/action');
    expect(html).toContain('log-reader MalformedRecord ×3');
    expect(html).toMatch(/<section id="waivers">.*<td>Multi-Region key rotated by the primary<\/td><td>platform-security@example.com<\/td><td>2026-06-30<\/td>/);
    expect(html).toMatch(/<td>aws<\/td><td class="num">24<\/td><td class="num">0<\/td><td class="num">20,344<\/td><td>partial<\/td>/);
    expect(html).toContain(createHash('sha256').update(renderJson(canonicalReport())).digest('hex'));
  });

  it('is deterministic', () => {
    const shuffled = canonicalReport();
    shuffled.findings.reverse();
    shuffled.inputs.reverse();
    expect(render(shuffled)).toBe(html);
  });
});
