// The Markdown renderer keeps prose and drops everything executable.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../server/lib/markdown.js';
import { authorNameFor } from '../../server/access/display-name.js';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('# Titel\n\nEen **vet** woord en een [link](https://example.org).\n\n- één\n- twee');
    expect(html).toContain('<h2>Titel</h2>');
    expect(html).toContain('<strong>vet</strong>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer">link</a>');
    expect(html).toContain('<li>één</li>');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[x](javascript:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload=alert(1)>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<details open ontoggle=alert(1)>',
    '<a href="//evil.example">x</a>',
  ])('neutralises %s', (payload) => {
    const html = renderMarkdown(payload);
    expect(html).not.toMatch(/<script|<img|<iframe|<svg|<details|onerror|onload|ontoggle|javascript:|data:text|style=|href="\/\//i);
  });
});

describe('authorNameFor', () => {
  const story = { author_id: 'u1', author_name: 'An Peeters', anonymous: 1 };
  it('hides an anonymous author from everyone but the author', () => {
    expect(authorNameFor(story, null)).toBeNull();
    expect(authorNameFor(story, { id: 'u2' })).toBeNull();
    expect(authorNameFor(story, { id: 'u1' })).toBe('An Peeters');
    expect(authorNameFor({ ...story, anonymous: 0 }, null)).toBe('An Peeters');
    expect(authorNameFor({ ...story, author_id: null }, { id: 'u1' })).toBeNull();
  });
});
