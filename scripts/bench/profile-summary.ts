// Summarises a V8 .cpuprofile (node --cpu-prof) as text: top frames by self time, time by package or area, and our own
// functions by inclusive time; bundle locations are mapped back to the sources through the bundle's source maps.
// Also a command: `npx tsx scripts/bench/profile-summary.ts file.cpuprofile [--last-ms=N] [--top=N]`.
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A bundle file's source map, and the folder its source paths are relative to. */
const maps = new Map<string, { map: SourceMap; dir: string } | null>();

function sourceMapFor(url: string): { map: SourceMap; dir: string } | null {
  if (!maps.has(url)) {
    let found: { map: SourceMap; dir: string } | null = null;
    try {
      const file = fileURLToPath(url);
      const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(file, 'utf8'))?.[1];
      if (ref) {
        const mapFile = path.resolve(path.dirname(file), ref);
        const payload = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as { sourceRoot?: string };
        found = { map: new SourceMap(payload as never), dir: path.resolve(path.dirname(mapFile), payload.sourceRoot ?? '') };
      }
    } catch {
      found = null;
    }
    maps.set(url, found);
  }
  return maps.get(url)!;
}

/** Where a frame's code comes from, relative to the project (through the source map for the bundle). */
function locate(frame: CallFrame): string {
  if (!frame.url) return '';
  if (!frame.url.startsWith('file:')) return `${frame.url}:${frame.lineNumber + 1}`;
  const found = sourceMapFor(frame.url);
  const entry = found?.map.findEntry(frame.lineNumber, frame.columnNumber) as
    { originalSource?: string; originalLine?: number } | undefined;
  if (found && entry?.originalSource) {
    const source = entry.originalSource.startsWith('file:') ? fileURLToPath(entry.originalSource) : entry.originalSource;
    return `${path.relative(ROOT, path.resolve(found.dir, source))}:${(entry.originalLine ?? 0) + 1}`;
  }
  return `${path.relative(ROOT, fileURLToPath(frame.url))}:${frame.lineNumber + 1}`;
}

/** The package (node_modules/<name>), the area of our code (server/<folder>), Node itself, or V8. */
function area(name: string, location: string): string {
  if (SPECIAL.has(name)) return name;
  if (!location) return '(native, V8)';
  if (location.startsWith('node:')) return 'node (internals)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(location)?.[1];
  if (pkg) return pkg;
  const ours = /^(server\/(?:features\/)?[^/:]+)/.exec(location)?.[1];
  return ours ?? location.split(':')[0]!;
}

const pct = (ms: number, of: number) => `${((ms / of) * 100).toFixed(1)}%`;

export function summariseProfile(file: string, opts: { lastMs?: number; top?: number; title?: string } = {}): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const top = opts.top ?? 30;
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = new Map<number, string>();
  const info = new Map<string, { name: string; location: string }>();
  for (const n of profile.nodes) {
    const location = locate(n.callFrame);
    const name = n.callFrame.functionName || '(anonymous)';
    const k = `${name} ${location}`;
    key.set(n.id, k);
    info.set(k, { name, location });
  }

  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  const from = opts.lastMs ? profile.endTime - opts.lastMs * 1000 : profile.startTime;
  let t = profile.startTime;
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from) return;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const k = key.get(id)!;
    total += ms;
    if (info.get(k)!.name === '(idle)') idle += ms;
    self.set(k, (self.get(k) ?? 0) + ms);
    const a = area(info.get(k)!.name, info.get(k)!.location);
    areas.set(a, (areas.get(a) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(key.get(n)!);
    for (const s of seen) inclusive.set(s, (inclusive.get(s) ?? 0) + ms);
  });
  const busy = total - idle;
  const sorted = (m: Map<string, number>) => [...m].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]);
  const table = (rows: string[][]) => {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    return rows.map((r) => r.map((cell, c) => (c < r.length - 1 ? cell.padEnd(widths[c]!) : cell)).join('  ')).join('\n');
  };

  const out: string[] = [];
  if (opts.title) out.push(opts.title);
  out.push(
    `Sampled ${(total / 1000).toFixed(2)} s: busy ${(busy / 1000).toFixed(2)} s, idle ${pct(idle, total)}. ` +
      `Percentages are of busy time (everything but idle). Made by scripts/bench/profile-summary.ts.`,
    '',
    `Top ${top} frames by self time:`,
    table([
      ['self ms', 'self', 'total', 'function', 'where'],
      ...sorted(self)
        .slice(0, top)
        .map(([k, ms]) => [ms.toFixed(0), pct(ms, busy), pct(inclusive.get(k) ?? 0, busy), info.get(k)!.name, info.get(k)!.location]),
    ]),
    '',
    'Self time by package or area:',
    table([['self ms', 'self', 'area'], ...sorted(areas).map(([a, ms]) => [ms.toFixed(0), pct(ms, busy), a])]),
    '',
    'Our code (server/) by inclusive time (the function and everything it calls):',
    table([
      ['total ms', 'total', 'function', 'where'],
      ...sorted(inclusive)
        .filter(([k]) => info.get(k)!.location.startsWith('server/'))
        .slice(0, top)
        .map(([k, ms]) => [ms.toFixed(0), pct(ms, busy), info.get(k)!.name, info.get(k)!.location]),
    ]),
    '',
  );
  return out.join('\n');
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  if (!file) {
    process.stderr.write('usage: tsx scripts/bench/profile-summary.ts file.cpuprofile [--last-ms=N] [--top=N]\n');
    process.exit(2);
  }
  process.stdout.write(summariseProfile(file, { lastMs: Number(option('last-ms') ?? 0) || undefined, top: Number(option('top') ?? 30) }));
}
