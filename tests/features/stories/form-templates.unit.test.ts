// The three story-form templates load and validate; a broken template is refused with a clear message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extraFieldNames,
  FORMS_DIR,
  formTemplate,
  loadFormTemplates,
  localizeTemplate,
} from '../../../server/features/stories/form-templates.js';

describe('form templates', () => {
  it('loads msc, learning and backcast, each with the four criteria in both languages', () => {
    const all = loadFormTemplates();
    expect([...all.keys()]).toEqual(['msc', 'learning', 'backcast']);
    for (const t of all.values()) {
      expect(t.criteria).toHaveLength(4);
      for (const name of ['title', 'story', 'significance']) expect(t.fields.find((f) => f.name === name)?.required).toBe(true);
    }
    expect(all.get('learning')!.fields.map((f) => f.name)).toContain('learning_question');
    expect(extraFieldNames(all.get('backcast')!)).toEqual(['dream', 'solution', 'steps', 'needs', 'horizon']);
    expect(extraFieldNames(all.get('msc')!)).toEqual([]);
  });

  it('localises labels, help and guiding questions', () => {
    const nl = localizeTemplate(formTemplate('msc'), 'nl');
    const story = nl.fields.find((f) => f.name === 'story')!;
    expect(story.questions).toEqual(['Wie was erbij betrokken?', 'Wanneer en waar speelde het zich af?', 'Wat is er veranderd?']);
    expect(localizeTemplate(formTemplate('msc'), 'en').criteria[3]).toMatch(/honest/);
    expect(formTemplate('no-such').key).toBe('msc');
  });

  it('refuses a template without a max length or with a missing core field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forms-'));
    for (const key of ['msc', 'learning', 'backcast']) fs.copyFileSync(path.join(FORMS_DIR, `${key}.json`), path.join(dir, `${key}.json`));
    const broken = JSON.parse(fs.readFileSync(path.join(dir, 'learning.json'), 'utf8'));
    broken.fields = broken.fields.filter((f: { name: string }) => f.name !== 'significance');
    delete broken.fields[0].max;
    fs.writeFileSync(path.join(dir, 'learning.json'), JSON.stringify(broken));
    expect(() => loadFormTemplates(dir)).toThrow(/learning\.json.*(max length|significance)/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
