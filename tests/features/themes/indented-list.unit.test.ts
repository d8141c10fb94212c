// The indented list a facilitator types for challenges and actions: parsing, errors with line numbers, exact round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemList, type Item } from '../../../server/features/themes/schemas.js';
import { formatItems, parseItems } from '../../../server/features/themes/indented-list.js';

describe('parseItems', () => {
  it('nests by two spaces or by an extra "- " per level', () => {
    const text = 'Gezin is wantrouwig\n  - eerdere controle\n    OCMW\n- - via "- -"\n\n- Tweede punt';
    expect(parseItems(text)).toEqual({
      ok: true,
      items: [
        { text: 'Gezin is wantrouwig', children: [{ text: 'eerdere controle', children: [{ text: 'OCMW' }] }, { text: 'via "- -"' }] },
        { text: 'Tweede punt' },
      ],
    });
  });

  it('tells each line that cannot be read, with its number', () => {
    expect(parseItems('een\n      te ver')).toEqual({ ok: false, errors: [{ line: 2, key: 'jump' }] });
    expect(parseItems('een\n   drie spaties')).toEqual({ ok: false, errors: [{ line: 2, key: 'odd_indent' }] });
    expect(parseItems('a\n  b\n    c\n      d\n        e')).toEqual({ ok: false, errors: [{ line: 5, key: 'too_deep' }] });
    expect(parseItems(`${'x'.repeat(1001)}`)).toEqual({ ok: false, errors: [{ line: 1, key: 'too_long' }] });
    const many = Array.from({ length: 201 }, (_, i) => `punt ${i}`).join('\n');
    expect(parseItems(many)).toEqual({ ok: false, errors: [{ line: 201, key: 'too_many' }] });
  });

  it('reads tabs, Windows line ends and bullets * and •', () => {
    expect(parseItems('* een\r\n\t• twee')).toEqual({ ok: true, items: [{ text: 'een', children: [{ text: 'twee' }] }] });
    expect(parseItems('   \n\n')).toEqual({ ok: true, items: [] });
  });
});

describe('formatItems', () => {
  it('writes "- " bullets with two spaces per level', () => {
    expect(formatItems([{ text: 'a', children: [{ text: 'b', children: [{ text: 'c' }] }] }, { text: 'd' }])).toBe(
      '- a\n  - b\n    - c\n- d',
    );
  });

  it('round-trips exactly, text that looks like a marker included', () => {
    const items: Item[] = [
      { text: '- begint met een streep', children: [{ text: '\\ backslash' }, { text: '* ster' }] },
      { text: 'één, façade, naïef' },
    ];
    expect(parseItems(formatItems(items))).toEqual({ ok: true, items });
    const text = formatItems(items);
    const again = parseItems(text);
    expect(again.ok && formatItems(again.items)).toBe(text);
  });

  it('round-trips every tree the API accepts (property)', () => {
    const text = fc
      .string({ minLength: 1, maxLength: 40 })
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s.length > 0);
    const tree = fc.letrec<{ items: Item[] }>((tie) => ({
      items: fc.array(fc.record({ text, children: fc.option(tie('items'), { nil: undefined }) }), { maxLength: 3 }) as fc.Arbitrary<Item[]>,
    }));
    fc.assert(
      fc.property(tree.items, (raw) => {
        const checked = itemList.safeParse(raw);
        fc.pre(checked.success);
        const items = checked.data!;
        const parsed = parseItems(formatItems(items));
        expect(parsed).toEqual({ ok: true, items });
      }),
      { numRuns: 300 },
    );
  });
});
